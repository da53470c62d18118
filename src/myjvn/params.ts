import { MyJvnParamError, type MyJvnContext } from './myjvn-method.js'

/**
 * Reading the API's parameters the way the real MyJVN does (docs/*_api_*.md of MyJVN/np): a
 * parameter that is absent or empty (`lang=`) takes its default; anything else must be exactly
 * valid or the request is refused with retCd=1 and an error code.
 *
 * Error codes. The official documentation lists no codes; the real API answers in the form
 * `<method><phase><parameter><check>` — `VL01020003` "startItemは正の整数値のみ指定可能です。"
 * (getVulnOverviewList, parameter check, startItem, not a positive integer), `VD01030602`
 * (getVulnDetailInfo, vulnId, bad prefix). keikai keeps that form: the method's two letters
 * (`ERROR_PREFIX`), `01`, the parameter's number (`PARAM_NO`) and the check (`CHECK`), with the
 * real API's message text in Japanese and its English counterpart.
 */
export const ERROR_PREFIX: Record<string, string> = {
  getVulnOverviewList: 'VL', getVulnDetailInfo: 'VD', getVendorList: 'VN', getProductList: 'PR', getStatistics: 'ST',
}
/** The prefix of errors found before a method is known (a missing or unknown method, a bad feed). */
export const COMMON_PREFIX = 'MJ'

export const PARAM_NO: Record<string, string> = {
  method: '00', feed: '01', startItem: '02', maxCountItem: '03', vulnId: '03', lang: '04', keyword: '05', severity: '06', vector: '07',
  cpeName: '08', vendorId: '09', productId: '10', rangeDatePublic: '11', rangeDatePublished: '12', rangeDateFirstPublished: '13',
  datePublic: '14', datePublished: '15', dateFirstPublished: '16', theme: '17', type: '18', cweId: '19', pid: '20', category: '21',
  modifiedRangeDate: '22', modifiedStartDate: '23', modifiedEndDate: '24', createdStartDate: '25', createdEndDate: '26',
  publicStartDate: '27', publicEndDate: '28', nameType: '29', productName: '30', cvssV3Severity: '31', cvssV4Severity: '32',
  cvssV2Severity: '33', cvssV3Metrics: '34', cvssV4Metrics: '35', cvssV2Metrics: '36', ft: '37',
}

/** What was wrong, as the last four digits of the code; the message key is `myjvn.error.<check>`. */
export const CHECK = {
  required: '0001', notAllowed: '0002', notPositiveInteger: '0003', outOfRange: '0004', badFormat: '0005', noSuchDate: '0006', conflict: '0007',
  notFound: '0008',
} as const
export type Check = keyof typeof CHECK

const prefixOf = (method: string) => ERROR_PREFIX[method] ?? COMMON_PREFIX
const numberOf = (name: string) => PARAM_NO[name.replace(/(Start|End)[YMD]$/, '')] ?? '99'

/** The refusal of parameter `name` for `check`, in the request's language; `vars` fill the message. */
export function paramError(ctx: Pick<MyJvnContext, 't'>, method: string, name: string, check: Check, vars: Record<string, string | number> = {}): MyJvnParamError {
  return new MyJvnParamError(`${prefixOf(method)}01${numberOf(name)}${CHECK[check]}`, ctx.t(`myjvn.error.${check}`, { name, ...vars }))
}

/** A parameter's value, or undefined when absent or empty (the documented "use the default"). */
export const param = (ctx: Pick<MyJvnContext, 'params'>, name: string): string | undefined => {
  const v = ctx.params[name]
  return v === undefined || v === '' ? undefined : v
}

const POSITIVE = /^[1-9]\d{0,8}$/

/** A positive integer parameter within [min, max], or the default when absent. */
export function readInt(ctx: MyJvnContext, method: string, name: string, opts: { min?: number; max?: number; default?: number } = {}): number | undefined {
  const v = param(ctx, name)
  if (v === undefined) return opts.default
  if (!POSITIVE.test(v)) throw paramError(ctx, method, name, 'notPositiveInteger')
  const n = Number(v)
  const min = opts.min ?? 1
  if (n < min || (opts.max !== undefined && n > opts.max)) throw paramError(ctx, method, name, 'outOfRange', { min, max: opts.max ?? '' })
  return n
}

/** One of the allowed values (case-sensitive, as documented), or the default when absent. */
export function readEnum<T extends string>(ctx: MyJvnContext, method: string, name: string, values: readonly T[], fallback?: T): T | undefined {
  const v = param(ctx, name)
  if (v === undefined) return fallback
  if (!(values as readonly string[]).includes(v)) throw paramError(ctx, method, name, 'notAllowed', { values: values.join(', ') })
  return v as T
}

/**
 * Paging: `startItem` (1 … , default 1) and `maxCountItem` (1 … the method's documented maximum,
 * default that maximum). A start beyond the results is not an error: the answer is empty.
 */
export function readPaging(ctx: MyJvnContext, method: string, max: number): { startItem: number; maxCountItem: number } {
  const startItem = readInt(ctx, method, 'startItem', { default: 1 })!
  const maxCountItem = readInt(ctx, method, 'maxCountItem', { max, default: max })!
  return { startItem, maxCountItem }
}

/** `lang`: ja (default) or en. The dispatcher reads it before the method runs. */
export function readLang(ctx: MyJvnContext, method: string): 'ja' | 'en' {
  return readEnum(ctx, method, 'lang', ['ja', 'en'] as const, 'ja')!
}

/** A day in Japan time, as a UTC instant: 00:00 JST of y-m-d. */
export const jstDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3600_000)

/** A half-open range of instants [from, to); either end may be open. */
export type DateRange = { from?: Date; to?: Date }

function ymdPart(ctx: MyJvnContext, method: string, name: string, digits: RegExp, min: number, max: number): number | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  if (!digits.test(v)) throw paramError(ctx, method, name, 'badFormat', { form: digits === YEAR ? 'YYYY' : 'MM / DD' })
  const n = Number(v)
  if (n < min || n > max) throw paramError(ctx, method, name, 'outOfRange', { min, max })
  return n
}
const YEAR = /^\d{4}$/
const MONTH_DAY = /^\d{1,2}$/

/**
 * The hnd date filter `<base>StartY/M/D` … `<base>EndY/M/D` (base `datePublic`, `datePublished`,
 * `dateFirstPublished`), in Japan time. A start without month or day starts at the beginning of
 * its year or month; an end without them runs to the end of its year or month (inclusive). A month
 * without a year, a day without a month, or a day the month does not have, is refused.
 */
export function readYmdRange(ctx: MyJvnContext, method: string, base: string): DateRange {
  const side = (which: 'Start' | 'End'): Date | undefined => {
    const y = ymdPart(ctx, method, `${base}${which}Y`, YEAR, 1900, 9999)
    const m = ymdPart(ctx, method, `${base}${which}M`, MONTH_DAY, 1, 12)
    const d = ymdPart(ctx, method, `${base}${which}D`, MONTH_DAY, 1, 31)
    if (y === undefined) {
      if (m !== undefined || d !== undefined) throw paramError(ctx, method, `${base}${which}Y`, 'required')
      return undefined
    }
    if (d !== undefined && m === undefined) throw paramError(ctx, method, `${base}${which}M`, 'required')
    if (d !== undefined && new Date(Date.UTC(y, m! - 1, d)).getUTCDate() !== d) throw paramError(ctx, method, `${base}${which}D`, 'noSuchDate')
    if (which === 'Start') return jstDay(y, m ?? 1, d ?? 1)
    if (d !== undefined) return jstDay(y, m!, d + 1)
    if (m !== undefined) return jstDay(y, m + 1, 1)
    return jstDay(y + 1, 1, 1)
  }
  return { from: side('Start'), to: side('End') }
}

/**
 * An oka date parameter `YYYYMMDD` (modifiedStartDate and the like) as the start of that day in
 * Japan time; `end` gives the start of the next day, so that the day itself is included.
 */
export function readDate8(ctx: MyJvnContext, method: string, name: string, opts: { end?: boolean; min?: string } = {}): Date | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  if (!/^\d{8}$/.test(v)) throw paramError(ctx, method, name, 'badFormat', { form: 'YYYYMMDD' })
  const [y, m, d] = [Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8))]
  if (m < 1 || m > 12 || d < 1 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) throw paramError(ctx, method, name, 'noSuchDate')
  if (opts.min && v < opts.min) throw paramError(ctx, method, name, 'outOfRange', { min: opts.min, max: '' })
  return jstDay(y, m, d + (opts.end ? 1 : 0))
}
