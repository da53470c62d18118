import { fromSingleName } from '../platform/http/bilingual.js'
import type { AdvisoryRecord, CaseVulnerability, Finder } from './advisories.repository.js'

export const TEXT_FIELDS = ['title', 'overview', 'description', 'impact', 'solution'] as const
export type TextField = (typeof TEXT_FIELDS)[number]

/**
 * The editor's values as strings, shaped like `advisoryDraftSchema`'s input: built from the
 * database for a fresh form, or from the submitted form so that a refused submission comes back
 * with everything the coordinator typed.
 */
export type AdvisoryFormValues = Record<TextField, { ja: string; en: string }> & {
  vulnerabilities: Array<{ id: string; titleJa: string; titleEn: string; cveId: string; cweId: string; cvss31Vector: string; cvss40Vector: string }>
  affectedProducts: Array<{ developer: Pair; product: Pair; versions: Pair; cpe: string; package?: PackageValues }>
  references: Array<{ title: string; url: string }>
  /** Report ids of the finders to credit; undefined means "everyone who consented". */
  credits: string[] | undefined
}

type Pair = { ja: string; en: string }

/**
 * A product row's package as the editor holds it: `versions` is the text field (commas or spaces),
 * `spareRanges` how many blank range rows to offer after the filled ones ("add a range").
 */
export type PackageValues = {
  ecosystem: string; name: string; purl: string; versions: string
  ranges: Array<{ introduced: string; fixed: string; lastAffected: string }>
  spareRanges?: number
}

const strings = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : '')))

/**
 * Repeated form fields (`v_cve`, `v_cve`, …) zipped into rows; rows left entirely blank are
 * dropped, which is how the spare row stays out of the data and how a cleared row is removed.
 */
function rows<K extends string>(body: Record<string, unknown>, fields: Record<K, string>, ignore: string[] = []): Array<Record<K, string>> {
  const columns = Object.entries(fields).map(([key, name]) => [key, strings(body[name as string])] as const)
  const length = Math.max(0, ...columns.map(([, values]) => values.length))
  const out: Array<Record<K, string>> = []
  for (let i = 0; i < length; i++) {
    const row = Object.fromEntries(columns.map(([key, values]) => [key, values[i] ?? ''])) as Record<K, string>
    if ((Object.keys(fields) as K[]).some((k) => !ignore.includes(k) && row[k].trim() !== '')) out.push(row)
  }
  return out
}

/**
 * Affected-product rows: `p_developer_ja` / `p_developer_en` and so on. A form with the single
 * `p_developer` / `p_product` / `p_versions` (the committee's decision form) gives the Japanese,
 * and the English when it is ASCII, as the API takes a bare string.
 */
function productRows(body: Record<string, unknown>): AdvisoryFormValues['affectedProducts'] {
  if (body.p_developer_ja === undefined && body.p_developer !== undefined) {
    return rows(body, { developer: 'p_developer', product: 'p_product', versions: 'p_versions', cpe: 'p_cpe' }).map((r) => ({
      developer: fromSingleName(r.developer), product: fromSingleName(r.product), versions: fromSingleName(r.versions), cpe: r.cpe,
    }))
  }
  // Each row's place in the form (`row`) finds its ranges, named per row (`p_pkg_fixed_2`); blank rows drop out after.
  const positions = strings(body.p_developer_ja).map((_, i) => String(i))
  const out: AdvisoryFormValues['affectedProducts'] = []
  for (const r of rows({ ...body, p_row: positions }, {
    row: 'p_row', developerJa: 'p_developer_ja', developerEn: 'p_developer_en', productJa: 'p_product_ja', productEn: 'p_product_en',
    versionsJa: 'p_versions_ja', versionsEn: 'p_versions_en', cpe: 'p_cpe',
    ecosystem: 'p_pkg_ecosystem', name: 'p_pkg_name', purl: 'p_pkg_purl', pkgVersions: 'p_pkg_versions',
  })) {
    const pkg = packageValues(body, r)
    const typed = pkg.typed || Object.entries(r).some(([k, v]) => k !== 'row' && v.trim() !== '')
    if (!typed) continue
    out.push({
      developer: { ja: r.developerJa, en: r.developerEn }, product: { ja: r.productJa, en: r.productEn },
      versions: { ja: r.versionsJa, en: r.versionsEn }, cpe: r.cpe,
      // A row keeps its package when something was typed in it or another range row was asked for.
      ...(pkg.typed || (pkg.values.spareRanges ?? 1) > 1 ? { package: pkg.values } : {}),
    })
  }
  return out
}

/** A product row's package fields, and whether anything was typed in them. */
function packageValues(body: Record<string, unknown>, r: Record<string, string>): { values: PackageValues; typed: boolean } {
  const at = r.row ?? ''
  const ranges = rows(body, { introduced: `p_pkg_introduced_${at}`, fixed: `p_pkg_fixed_${at}`, lastAffected: `p_pkg_last_affected_${at}` })
  const spareRanges = Math.min(20, Math.max(1, Number(strings(body[`p_pkg_spare_${at}`])[0]) || 1)) + (body.more === `range_${at}` ? 1 : 0)
  const values: PackageValues = { ecosystem: r.ecosystem ?? '', name: r.name ?? '', purl: r.purl ?? '', versions: r.pkgVersions ?? '', ranges, spareRanges }
  return { values, typed: [values.ecosystem, values.name, values.purl, values.versions].some((v) => v.trim() !== '') || ranges.length > 0 }
}

export function formToValues(body: Record<string, unknown>): AdvisoryFormValues {
  const text = (field: TextField) => ({ ja: strings(body[`${field}_ja`])[0] ?? '', en: strings(body[`${field}_en`])[0] ?? '' })
  return {
    title: text('title'), overview: text('overview'), description: text('description'), impact: text('impact'), solution: text('solution'),
    vulnerabilities: rows(body, {
      id: 'v_id', titleJa: 'v_title_ja', titleEn: 'v_title_en', cveId: 'v_cve', cweId: 'v_cwe', cvss31Vector: 'v_cvss31', cvss40Vector: 'v_cvss40',
    }, ['id']),
    affectedProducts: productRows(body),
    references: rows(body, { title: 'r_title', url: 'r_url' }),
    // The hidden `credits_shown` tells "no box ticked" (credit nobody) from "no credit section".
    credits: body.credits_shown ? strings(body.credit) : undefined,
  }
}

/** The form's values for the advisory as stored (or an empty one), with the case's vulnerabilities. */
export function recordToValues(advisory: AdvisoryRecord | null, vulnerabilities: CaseVulnerability[], finders: Finder[]): AdvisoryFormValues {
  const c = advisory?.content
  const text = (field: TextField) => c?.[field] ?? { ja: '', en: '' }
  return {
    title: text('title'), overview: text('overview'), description: text('description'), impact: text('impact'), solution: text('solution'),
    vulnerabilities: vulnerabilities.map((v) => ({
      id: v.id, titleJa: v.titleJa, titleEn: v.titleEn, cveId: v.cveId ?? '', cweId: v.cweId ?? '',
      cvss31Vector: v.cvss31Vector ?? '', cvss40Vector: v.cvss40Vector ?? '',
    })),
    affectedProducts: (c?.affectedProducts ?? []).map((p) => ({
      developer: p.developer, product: p.product, versions: p.versions, cpe: p.cpe ?? '',
      ...(p.package ? {
        package: {
          ecosystem: p.package.ecosystem, name: p.package.name, purl: p.package.purl ?? '', versions: p.package.versions.join(', '),
          ranges: p.package.ranges.map((g) => ({ introduced: g.introduced === '0' ? '' : g.introduced, fixed: g.fixed ?? '', lastAffected: g.lastAffected ?? '' })),
        },
      } : {}),
    })),
    references: c?.references ?? [],
    // A first draft proposes every finder who consented.
    credits: c ? c.credits.map((cr) => cr.reportId) : finders.filter((f) => f.consentCredit).map((f) => f.reportId),
  }
}
