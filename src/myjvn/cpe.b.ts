/**
 * CPE names as the MyJVN vendor and product lists write and filter them: the part, vendor and
 * product fields only (a list entry stands for every version), in CPE 2.2 URI form for feed=hnd
 * (`cpe:/a:vendor:product`, vendors `cpe:/:vendor`) and CPE 2.3 form for feed=oka
 * (`cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*`, vendors `cpe:2.3::vendor`). Field characters
 * outside `A-Za-z0-9._-~` are percent-encoded, as JVN writes them (`melsec_iq-fx5u-32mr%2fds`) and as
 * results_3.3.xsd and jvnpid_1.0.json allow.
 */
export type CpeFields = { part: string; vendor: string; product: string }

const FIELD_SAFE = /^[A-Za-z0-9._\-~%]*$/

/** One field, lower-cased, unescaped (CPE 2.3 `\/`, CPE 2.2 `%2f`) and then percent-encoded where needed. */
function field(raw: string): string {
  let s = raw.replace(/\\(.)/g, '$1')
  try { s = decodeURIComponent(s) } catch { /* a stray % stays as written */ }
  s = s.toLowerCase()
  return [...s].map((ch) => (FIELD_SAFE.test(ch) && ch !== '%' ? ch : [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))).join('')
}

/** Splits a 2.3 formatted string on the colons that are not escaped. */
const split23 = (s: string) => s.split(/(?<!\\):/)

/** The part, vendor and product of a CPE 2.2 URI or CPE 2.3 formatted string; null when it is neither. */
export function cpeFields(cpe: string | null | undefined): CpeFields | null {
  if (!cpe) return null
  const parts = cpe.startsWith('cpe:2.3:') ? split23(cpe).slice(2) : cpe.startsWith('cpe:/') ? cpe.slice(5).split(':') : null
  if (!parts) return null
  const [part = '', vendor = '', product = ''] = parts
  const v = vendor === '*' || vendor === '-' ? '' : field(vendor)
  if (!v) return null
  const p = product === '*' || product === '-' ? '' : field(product)
  return { part: /^[aho]$/i.test(part) ? part.toLowerCase() : '', vendor: v, product: p }
}

/** A CPE field made from a name, for an advisory product without a CPE: ASCII words joined by `_`, else `misc` (JVN's vendor for names without a CPE). */
export function fieldFromName(name: string): string {
  const ascii = name.normalize('NFKC').toLowerCase().replace(/[^a-z0-9._\-~]+/g, '_').replace(/^_+|_+$/g, '')
  return ascii || 'misc'
}

export const vendorCpe22 = (vendor: string) => `cpe:/:${vendor}`
export const vendorCpe23 = (vendor: string) => `cpe:2.3::${vendor}`
export const productCpe22 = (c: CpeFields) => `cpe:/${c.part}:${c.vendor}:${c.product}`
export const productCpe23 = (c: CpeFields) => `cpe:2.3:${c.part || '*'}:${c.vendor}:${c.product}:*:*:*:*:*:*:*:*`
export const vendorJvnpid = (vendor: string) => `jvnpid:1.0::${vendor}`
export const productJvnpid = (c: CpeFields) => `jvnpid:1.0::${c.vendor}:${c.product}`

/**
 * A filter pattern on the part, vendor and product fields, as `cpeName` / `vendorName` /
 * `productName` give it: CPE 2.2 (`cpe:/a:apache:*`), CPE 2.3 (`cpe:2.3:a:apache:http_server`) or
 * jvnpid (`jvnpid:1.0::apache:http_server`). `*` is a wildcard in any field, an empty or missing
 * field matches anything; comparison ignores case. Null when the text is none of these forms.
 */
export type CpePattern = { part: RegExp; vendor: RegExp; product: RegExp }

function fieldPattern(raw: string | undefined): RegExp {
  if (raw === undefined || raw === '' || raw === '*') return /^.*$/
  const literal = field(raw.replace(/\*/g, '\u0000')).split('%00')
  return new RegExp(`^${literal.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
}

export function parseCpePattern(text: string, forms: ReadonlyArray<'cpe22' | 'cpe23' | 'jvnpid'>): CpePattern | null {
  let fields: string[] | null = null
  if (forms.includes('cpe22') && text.startsWith('cpe:/')) fields = text.slice(5).split(':')
  else if (forms.includes('cpe23') && text.startsWith('cpe:2.3:')) fields = split23(text).slice(2)
  else if (forms.includes('jvnpid') && text.startsWith('jvnpid:1.0:')) fields = ['', ...text.slice('jvnpid:1.0:'.length).split(':').slice(1)]
  if (!fields || fields.length < 2 || !fields[1]) return null
  const [part, vendor, product] = fields
  if (part && !/^[aho*]$/i.test(part)) return null
  return { part: part && part !== '*' ? new RegExp(`^(${part.toLowerCase()}|)$`) : /^.*$/, vendor: fieldPattern(vendor), product: fieldPattern(product) }
}

export const matchesVendor = (p: CpePattern, vendor: string) => p.vendor.test(vendor)
export const matchesProduct = (p: CpePattern, c: CpeFields) => p.part.test(c.part) && p.vendor.test(c.vendor) && p.product.test(c.product)
