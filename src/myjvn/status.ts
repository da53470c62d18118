import { xml } from '../portal/index.js'

/**
 * The MyJVN common status (`status:Status`, status_3.3.xsd; `status` in the oka JSON). On an
 * error retMax, totalRes, totalResRet and firstRes are null: empty strings in XML, absent in JSON,
 * as the real API answers.
 */
export type StatusFields = {
  method: string
  lang: 'ja' | 'en'
  feed: 'hnd' | 'oka'
  retCd: 0 | 1
  retMax: number | string | null
  errCd?: string
  errMsg?: string
  totalRes: number | null
  totalResRet: number | null
  firstRes: number | null
  /** Method-specific response attributes (getStatistics' retMaxCnt, getProductList's latestProductUpdate). */
  extra?: Record<string, string | number>
  /** The request's parameters, echoed where status_3.3.xsd has an attribute for them; others are left out. */
  echo?: Record<string, string>
}

// Request parameters status_3.3.xsd declares (it allows no others), and those it types as integers.
const ECHOED = new Set([
  'startItem', 'maxCountItem', 'xsl', 'cpeName', 'vendorId', 'productId', 'keyword', 'type', 'lt', 'category', 'ver',
  'severity', 'vector', 'rangeDatePublic', 'rangeDatePublished', 'rangeDateFirstPublished',
  ...['datePublic', 'datePublished', 'dateFirstPublished'].flatMap((d) => ['StartY', 'StartM', 'StartD', 'EndY', 'EndM', 'EndD'].map((p) => d + p)),
  'vulnId', 'cvrfdoc', 'platform', 'internalType', 'mode', 'ovalId', 'benchmarkId', 'theme', 'cweId', 'pid', 'reference', 'datePublished', 'dateFirstPublished', 'ft',
])
// The oka feed's own filter parameters (getVulnOverviewList_api_oka.md and siblings), echoed in its JSON status.
const ECHOED_OKA = new Set([
  'modifiedRangeDate', 'modifiedStartDate', 'modifiedEndDate', 'createdStartDate', 'createdEndDate', 'publicStartDate', 'publicEndDate',
  'nameType', 'productName', 'versionType', 'versionStart', 'versionStartType', 'versionEnd', 'versionEndType',
  'cvssV2Metrics', 'cvssV2Severity', 'cvssV3Metrics', 'cvssV3Severity', 'cvssV4Metrics', 'cvssV4Severity', 'vid', 'pid', 'cpe', 'jvnpid',
])
const INTEGER_TYPED = new Set(['vendorId', 'productId'])
// Attributes the dispatcher writes itself, never from the echo.
const OWN = new Set(['version', 'method', 'lang', 'feed', 'retCd', 'retMax', 'errCd', 'errMsg', 'totalRes', 'totalResRet', 'firstRes'])

const blankIfNull = (v: number | string | null) => (v === null ? '' : String(v))

function echoed(echo: Record<string, string> | undefined, feed: 'hnd' | 'oka'): Array<[string, string]> {
  return Object.entries(echo ?? {}).filter(([name, value]) =>
    !OWN.has(name) && value !== '' && (feed === 'oka'
      ? ECHOED.has(name) || ECHOED_OKA.has(name)
      : ECHOED.has(name) && (!INTEGER_TYPED.has(name) || /^-?\d+$/.test(value))))
}

/** The `<status:Status …/>` element (namespace prefix `status` declared by the envelope). */
export function statusXml(s: StatusFields): string {
  const attrs: Array<[string, string]> = [
    ['version', '3.3'], ['method', s.method], ['lang', s.lang], ['retCd', String(s.retCd)], ['retMax', blankIfNull(s.retMax)],
    ['errCd', s.errCd ?? ''], ['errMsg', s.errMsg ?? ''], ['totalRes', blankIfNull(s.totalRes)], ['totalResRet', blankIfNull(s.totalResRet)],
    ['firstRes', blankIfNull(s.firstRes)], ['feed', 'hnd'],
    ...Object.entries(s.extra ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ...echoed(s.echo, 'hnd'),
  ]
  return `<status:Status ${attrs.map(([k, v]) => `${k}="${xml(v)}"`).join(' ')} />`
}

const numberIfInteger = (v: string): string | number => (/^(0|[1-9]\d{0,14})$/.test(v) ? Number(v) : v)

/** The oka `status` object (myjvn_feed_1.0.json `status_type`): counts as integers, echoed numeric parameters as numbers. */
export function statusJson(s: StatusFields): Record<string, unknown> {
  const out: Record<string, unknown> = { version: '4.0.0', method: s.method, feed: 'oka', lang: s.lang, retCd: s.retCd }
  if (s.retMax !== null) out.retMax = s.retMax
  out.errCd = s.errCd ?? ''
  out.errMsg = s.errMsg ?? ''
  if (s.totalRes !== null) out.totalRes = s.totalRes
  if (s.totalResRet !== null) out.totalResRet = s.totalResRet
  if (s.firstRes !== null) out.firstRes = s.firstRes
  for (const [k, v] of Object.entries(s.extra ?? {})) out[k] = v
  for (const [k, v] of echoed(s.echo, 'oka')) out[k] = numberIfInteger(v)
  return out
}
