import { REFERENCE_2019Q3 } from '../../statistics/reference-2019q3.js'
import { SYNTHETIC_CASE_ID_PREFIX } from '../../statistics/reference-2019q3.notice.js'
import { PRODUCT_TYPES } from '../../cases/categories.js'
import { WEBSITE_VULNERABILITY_TYPES } from '../../cases/website-categories.js'
import { apportion, pool, seededRandom, type Random } from './random.js'
import { dayOf, isoOf, quarterOf } from './calendar.js'

/**
 * The synthetic programme history (issue 11): every report the programme received from 2004-07-08
 * to 2019-09-30 as a list of cases, each with the events the application would have written for
 * it — the same event types and data as the use cases, in an order the transition tables allow
 * (the writer checks every move against them). Shaped so that the figures computed from these
 * events for 2019-09-30 are DESIGN §8's reference values; no figure is stored anywhere.
 *
 * Pure and deterministic: the same seed gives the same history.
 */

export const HISTORY_START = '2004-07-08'
export const HISTORY_END = REFERENCE_2019Q3.quarterEnd
/** Marks every synthetic case: ids start with it, titles and finder names say so. */
export const SYNTHETIC_ID_PREFIX = SYNTHETIC_CASE_ID_PREFIX
export const SYNTHETIC_LABEL = '【合成データ / synthetic】'

export type HistoryStep = {
  day: number
  /** An action of the case's transition table, or an event type that keeps the state. */
  type: string
  transition: boolean
  data: Record<string, unknown>
  actor: string
}

export type HistoryCase = {
  id: string
  kind: 'product' | 'website'
  receivedDay: number
  title: string
  receiptNumber: string
  reportId: string
  details: Record<string, unknown>
  fields: {
    product_type?: string; cause?: string; vulnerability_type?: string; impact?: string
    fix_type?: string; fixed_on?: string; rejection_reason?: string
    eol_handling?: 'A' | 'E'; ended_on?: string; ending_note?: string
  }
  /** After report_submitted, in order. */
  steps: HistoryStep[]
}

const STAFF_IPA = '合成データ: IPA 受付 (synthetic intake)'
const STAFF_JPCERT = '合成データ: JPCERT/CC 調整 (synthetic coordination)'
const DEVELOPER = '合成データ: 製品開発者 (synthetic developer)'
const COMMITTEE = '合成データ: 公表判定委員会 (synthetic committee)'
const SYSTEM = 'system'
const FINDER = '合成データの発見者 (synthetic finder)'

export function planHistory(seed = 20190930): HistoryCase[] {
  const rng = seededRandom(seed)
  const asOf = dayOf(HISTORY_END)
  const received = receivedDays(rng)
  const receipts = receiptNumbers(received.map((r) => r.day))
  const withIds = received.map((r, i) => ({ ...r, n: i + 1, receipt: receipts[i]! }))
  return [
    ...planProducts(rng, withIds.filter((r) => r.kind === 'product'), asOf),
    ...planWebsites(rng, withIds.filter((r) => r.kind === 'website'), asOf),
  ]
}

type Received = { day: number; kind: 'product' | 'website'; n: number; receipt: string }

/**
 * The day each report arrived, oldest first: as many up to each quarter end 2016Q4–2019Q3 as
 * the reference totals, the 12,922 before spread over the quarters since 2004-07-08, each
 * report on a random day of its quarter, the first on the programme's first day.
 */
function receivedDays(rng: Random): { day: number; kind: 'product' | 'website' }[] {
  const start = dayOf(HISTORY_START)
  const [first, ...later] = REFERENCE_2019Q3.cumulative
  const quarters: { from: number; to: number; count: number }[] = []
  const early: { from: number; to: number }[] = []
  for (let from = start; from <= dayOf(first.quarterEnd);) {
    const { end } = quarterOf(from)
    early.push({ from, to: end })
    from = end + 1
  }
  // Busier in the first years (the website rush of 2005–2010), quieter later, with some noise.
  const weights = early.map((_, i) => (i < 24 ? 1.6 : 0.8) * (0.7 + 0.6 * rng.next()))
  apportion(first.total, weights).forEach((count, i) => quarters.push({ ...early[i]!, count }))
  let before: number = first.total
  for (const q of later) {
    const { start: from, end: to } = quarterOf(dayOf(q.quarterEnd))
    quarters.push({ from, to, count: q.total - before })
    before = q.total
  }
  const days: number[] = []
  for (const q of quarters) for (let k = 0; k < q.count; k++) days.push(rng.int(q.from, q.to))
  days[0] = start
  days.sort((a, b) => a - b)
  const { product } = REFERENCE_2019Q3
  const kinds = pool(rng, { product: product.total, website: REFERENCE_2019Q3.website.total })
  return days.map((day, i) => ({ day, kind: kinds[i]! }))
}

/** Receipt numbers as the application makes them (KK-YYYY-NNNNNN), numbered within each year. */
function receiptNumbers(days: number[]): string[] {
  const perYear = new Map<string, number>()
  return days.map((d) => {
    const year = isoOf(d).slice(0, 4)
    const k = (perYear.get(year) ?? 0) + 1
    perYear.set(year, k)
    return `KK-${year}-${String(900_000 + k).padStart(6, '0')}`
  })
}

/** Assigns outcomes to indices: `count` random unassigned indices for which `eligible` holds. */
function assigner<O extends string>(rng: Random, size: number) {
  const outcome: (O | undefined)[] = new Array(size)
  return {
    outcome,
    take(o: O, count: number, eligible: (i: number) => boolean = () => true) {
      const candidates = rng.shuffle([...Array(size).keys()].filter((i) => outcome[i] === undefined && eligible(i)))
      if (candidates.length < count) throw new Error(`synthetic history: only ${candidates.length} cases can be ${o}, ${count} needed`)
      for (const i of candidates.slice(0, count)) outcome[i] = o
    },
    rest(o: O) {
      for (let i = 0; i < size; i++) if (outcome[i] === undefined) outcome[i] = o
    },
  }
}

/**
 * Pairs cases with durations so each fits before the end of the history: the most constrained
 * case first, each drawing at random among the durations that fit it.
 */
function fitDurations(rng: Random, available: number[], durations: number[]): { fitted: number[]; left: number[] } {
  const left = [...durations].sort((a, b) => a - b)
  const out: number[] = new Array(available.length)
  const order = [...available.keys()].sort((a, b) => available[a]! - available[b]!)
  for (const i of order) {
    let lo = 0, hi = left.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (left[mid]! <= available[i]!) lo = mid + 1
      else hi = mid
    }
    if (hi === 0) throw new Error(`synthetic history: no duration fits ${available[i]} days`)
    out[i] = left.splice(rng.int(0, hi - 1), 1)[0]!
  }
  return { fitted: out, left }
}

/** Removes `k` entries matching `pick` from `from` and returns them. */
function draw<T>(from: T[], k: number, pick: (x: T) => boolean): T[] {
  const out: T[] = []
  for (let i = 0; i < from.length && out.length < k;) {
    if (pick(from[i]!)) out.push(from.splice(i, 1)[0]!)
    else i++
  }
  if (out.length < k) throw new Error('synthetic history: pool exhausted')
  return out
}

/** Steps of one case, days never going back and never past the end of the history. */
function timeline(startDay: number, asOf: number) {
  const steps: HistoryStep[] = []
  let day = startDay
  return {
    steps,
    get day() { return day },
    /** A transition on `on` (clamped between the last step and the end of the history). */
    move(on: number, action: string, actor: string, data: Record<string, unknown> = {}) {
      day = Math.max(day, Math.min(asOf, on))
      steps.push({ day, type: action, transition: true, data, actor })
      return day
    },
    log(on: number, type: string, actor: string, data: Record<string, unknown> = {}) {
      day = Math.max(day, Math.min(asOf, on))
      steps.push({ day, type, transition: false, data, actor })
      return day
    },
  }
}

const pickWeighted = <K extends string>(rng: Random, weights: Record<K, number>): K => {
  const entries = Object.entries(weights) as [K, number][]
  let r = rng.next() * entries.reduce((a, [, w]) => a + w, 0)
  for (const [k, w] of entries) if ((r -= w) < 0) return k
  return entries[entries.length - 1]![0]
}

const REJECT_REASONS = { out_of_scope: 35, specification_flaw: 10, not_a_vulnerability: 30, insufficient_information: 20, withdrawn: 5 }
const WEBSITE_REJECT_REASONS = { out_of_scope: 45, not_a_vulnerability: 30, insufficient_information: 20, withdrawn: 5 }

// ---------------------------------------------------------------- websites

type WebsiteOutcome = 'recent' | 'long_running' | 'closed_by_alert' | 'stalled' | 'not_accepted' | 'not_vulnerable' | 'fixed'

/** Exact counts over the 10,408 reports that are not 不受理 (figures 9, 10). */
const WEBSITE_TYPE_COUNTS = {
  xss: 6037, dns_misconfiguration: 1353, sql_injection: 1145, file_exposure: 500, improper_https: 350,
  directory_traversal: 150, http_header_injection: 120, session_management: 200, authentication: 230, other: 323,
}
const OTHER_TYPE_IMPACTS = { impersonation: 242, personal_info_leak: 600, server_file_leak: 450, lowered_security: 330, other: 251 }
/** Of the long-running cases, SQL injection (figure 11: about 21%). */
const LONG_RUNNING_SQLI = 62

function planWebsites(rng: Random, cases: Received[], asOf: number): HistoryCase[] {
  const W = REFERENCE_2019Q3.website
  const N = cases.length
  if (N !== W.total) throw new Error('synthetic history: website total')
  const a = assigner<WebsiteOutcome>(rng, N)
  const age = (i: number) => asOf - cases[i]!.day
  a.take('recent', W.inHandling - W.longRunning, (i) => i >= N - 800)
  a.take('long_running', W.longRunning, (i) => age(i) >= 100 && age(i) <= 1600)
  a.take('closed_by_alert', W.closedByAlert, (i) => age(i) >= 330)
  a.take('stalled', W.stalled, (i) => age(i) >= 720)
  a.take('not_accepted', W.notAccepted)
  a.take('not_vulnerable', W.notVulnerable, (i) => age(i) >= 70)
  a.rest('fixed')
  const { outcome } = a

  // Classification: exact counts; long-running first (its SQL injection share), then the rest.
  const types = pool(rng, WEBSITE_TYPE_COUNTS) as string[]
  const typeOf = new Map<number, string>()
  const longIdx = [...outcome.keys()].filter((i) => outcome[i] === 'long_running')
  const longTypes = rng.shuffle([
    ...draw(types, LONG_RUNNING_SQLI, (t) => t === 'sql_injection'),
    ...draw(types, longIdx.length - LONG_RUNNING_SQLI, (t) => t !== 'sql_injection'),
  ])
  longIdx.forEach((i, k) => typeOf.set(i, longTypes[k]!))
  for (let i = 0; i < N; i++) if (outcome[i] !== 'not_accepted' && !typeOf.has(i)) typeOf.set(i, types.pop()!)
  const xssImpacts = pool(rng, { fake_content: 5829, impersonation: WEBSITE_TYPE_COUNTS.xss - 5829 })
  const otherImpacts = pool(rng, OTHER_TYPE_IMPACTS) as string[]
  const impactFor = (type: string): string =>
    type === 'dns_misconfiguration' ? 'domain_info_injection' : type === 'sql_injection' ? 'data_tampering' : type === 'xss' ? xssImpacts.pop()! : otherImpacts.pop()!

  // Days to fix (figure 8): 48% within 30 days, 66% within 90, the rest up to about three years.
  const fixedIdx = [...outcome.keys()].filter((i) => outcome[i] === 'fixed')
  const within30 = Math.round(fixedIdx.length * 0.48), within90 = Math.round(fixedIdx.length * 0.66)
  const durations = [
    ...Array.from({ length: within30 }, () => Math.floor(31 * rng.next() ** 1.6)),
    ...Array.from({ length: within90 - within30 }, () => rng.int(31, 90)),
    ...Array.from({ length: fixedIdx.length - within90 }, () => 91 + Math.floor(1110 * rng.next() ** 2.2)),
  ]
  const fixTypes = pool(rng, { workaround: W.workaround, page_deleted: W.pageDeleted, code_fixed: W.fixed - W.workaround - W.pageDeleted })

  // The accept and notify days come first, so the fix durations can be fitted to what is left.
  const acceptDay = cases.map((c) => Math.min(asOf, c.day + rng.int(0, 4)))
  const notifyDay = acceptDay.map((d) => Math.min(asOf, d + rng.int(1, 6)))
  const fixDays = fitDurations(rng, fixedIdx.map((i) => asOf - notifyDay[i]!), durations).fitted
  const fixDuration = new Map(fixedIdx.map((i, k) => [i, fixDays[k]!]))

  return cases.map((c, i) => {
    const o = outcome[i]!
    const type = typeOf.get(i) ?? WEBSITE_VULNERABILITY_TYPES[rng.int(0, WEBSITE_VULNERABILITY_TYPES.length - 1)]!.key
    const impact = o === 'not_accepted' ? (type === 'xss' ? 'fake_content' : 'other') : impactFor(type)
    // One finder in ten picks 'other'; intake sets the type when it accepts.
    const reported = rng.chance(0.1) ? { type: 'other', impact: 'other' } : { type, impact }
    const t = timeline(c.day, asOf)
    const fields: HistoryCase['fields'] = { vulnerability_type: type, impact }
    const accept = () => t.move(acceptDay[i]!, 'accept', STAFF_IPA, { note: null, vulnerabilityType: type, impact })
    const notify = (on = notifyDay[i]!) => {
      const d = t.day > on ? t.day : on
      return t.move(d, 'notify_operator', STAFF_IPA, { notifiedOn: isoOf(Math.max(t.day, Math.min(asOf, d))), organizationType: orgType(rng) })
    }
    const remind = (on: number) => t.move(on, 'remind_operator', STAFF_IPA, { reminded: 1, note: null })
    switch (o) {
      case 'not_accepted': {
        const reason = pickWeighted(rng, WEBSITE_REJECT_REASONS)
        fields.rejection_reason = reason
        t.move(c.day + rng.int(0, 5), 'reject', STAFF_IPA, { reason, duplicateOf: null, note: null })
        break
      }
      case 'recent': {
        accept()
        if (asOf - c.day <= 80 && rng.chance(0.75)) {
          const n = notify()
          if (asOf - n > 30 && rng.chance(0.4)) remind(n + 30)
        }
        break
      }
      case 'long_running': {
        accept()
        const n = notify()
        if (rng.chance(0.1)) {
          // The operator went silent, the case stalled, and it resumed when the operator answered again.
          const s = t.move(n + rng.int(20, 40), 'close_stalled', STAFF_IPA, { reason: 'operator_unreachable', note: '合成データ: 応答なし / no answer' })
          t.move(s + rng.int(5, 20), 'resume_handling', STAFF_IPA, { note: '合成データ: 運営者から連絡 / the operator answered' })
        }
        for (let r = n + 60; r <= asOf - 30 && r < n + 400; r += rng.int(60, 120)) remind(r)
        break
      }
      case 'closed_by_alert': {
        accept()
        if (rng.chance(0.8)) notify()
        const on = t.day + rng.int(30, 300)
        t.move(on, 'close_by_alert', STAFF_IPA, { alertId: `synthetic-alert-${isoOf(Math.min(asOf, on)).slice(0, 4)}` })
        break
      }
      case 'stalled': {
        accept()
        const unreachable = rng.chance(0.3)
        if (!unreachable) {
          const n = notify()
          remind(n + 60)
          remind(n + 120)
        }
        t.move(t.day + rng.int(60, 580), 'close_stalled', STAFF_IPA, {
          reason: unreachable ? 'operator_unreachable' : 'coordination_stopped', note: '合成データ: 調整が滞った / coordination stalled',
        })
        break
      }
      case 'not_vulnerable': {
        accept()
        if (rng.chance(0.7)) {
          const n = notify()
          t.move(n + rng.int(1, 10), 'operator_disputed', STAFF_IPA, { reason: '合成データ: 運営者の説明 / the operator explained' })
        }
        t.move(t.day + rng.int(5, 50), 'close_not_vulnerable', STAFF_IPA, { note: '合成データ: 脆弱性ではない / not a vulnerability' })
        break
      }
      case 'fixed': {
        accept()
        const n = notify()
        const days = fixDuration.get(i)!
        const fixedOn = n + days
        if (days > 60) remind(n + rng.int(30, Math.min(60, days - 1)))
        if (days > 200 && rng.chance(0.1)) {
          const s = t.move(n + rng.int(70, 100), 'close_stalled', STAFF_IPA, { reason: 'operator_unreachable', note: '合成データ: 応答なし / no answer' })
          t.move(Math.min(fixedOn - 1, s + rng.int(20, 90)), 'resume_handling', STAFF_IPA, { note: '合成データ: 運営者から連絡 / the operator answered' })
        }
        const fixType = fixTypes.pop()!
        fields.fix_type = fixType
        fields.fixed_on = isoOf(fixedOn)
        const onBehalf = rng.chance(0.3)
        t.move(fixedOn + rng.int(0, 3), 'report_fix', onBehalf ? STAFF_IPA : '合成データ: ウェブサイト運営者 (synthetic operator)', {
          fixType, fixedOn: isoOf(fixedOn), note: null, onBehalf, source: null,
        })
        break
      }
    }
    const host = `site${String(c.n).padStart(5, '0')}.example.jp`
    return {
      id: `${SYNTHETIC_ID_PREFIX}w-${String(c.n).padStart(5, '0')}`,
      kind: 'website' as const,
      receivedDay: c.day,
      title: `${SYNTHETIC_LABEL} ${host}`,
      receiptNumber: c.receipt,
      reportId: `${SYNTHETIC_ID_PREFIX}report-${String(c.n).padStart(5, '0')}`,
      details: {
        urls: [`https://${host}/`], operatorName: null, vulnerabilityType: reported.type, impact: reported.impact,
        description: '合成データ: デモ用の架空の届出です。 / Synthetic data: a made-up report for the demo.', reproduction: '—',
      },
      fields,
      steps: [{ day: c.day, type: 'report_submitted', transition: false, actor: FINDER, data: { vulnerabilityType: reported.type, impact: reported.impact } }, ...t.steps],
    }
  })
}

const ORG_TYPES = { company: 60, association: 8, local_government: 10, individual: 10, education: 8, government: 4 }
const orgType = (rng: Random) => pickWeighted(rng, ORG_TYPES)

// ---------------------------------------------------------------- products

type ProductOutcome =
  | 'recent' | 'uncontactable' | 'committee' | 'resumed_published' | 'resumed_not_vulnerable' | 'resumed_individually'
  | 'resumed_in_handling' | 'in_handling' | 'not_accepted' | 'not_vulnerable' | 'individually' | 'low_impact' | 'published'

/** Shares over the 3,903 reports that are not 不受理 (figures 5, 6). */
const PRODUCT_TYPE_WEIGHTS: Record<string, number> = {
  web_application: 45, router: 8, consumer_device: 6, smartphone_app: 10, web_browser: 3, groupware: 4,
  dev_runtime: 4, peripheral: 3, file_management: 2, other: 15,
}
const CAUSE_WEIGHTS: Record<string, number> = {
  web_application: 48, buffer_check: 6, access_control: 12, specification: 5, path_content_check: 5,
  security_context: 4, other_implementation: 15, other_web: 5,
}

function exactPool(rng: Random, weights: Record<string, number>, total: number): string[] {
  const keys = Object.keys(weights)
  const counts = apportion(total, keys.map((k) => weights[k]!))
  return pool(rng, Object.fromEntries(keys.map((k, i) => [k, counts[i]!])))
}

function planProducts(rng: Random, cases: Received[], asOf: number): HistoryCase[] {
  const P = REFERENCE_2019Q3.product
  const U = P.uncontactable
  const N = cases.length
  if (N !== P.total) throw new Error('synthetic history: product total')
  const a = assigner<ProductOutcome>(rng, N)
  const age = (i: number) => asOf - cases[i]!.day
  // Reports of the last month are still with intake or coordination, or were refused.
  const recent = [...Array(N).keys()].filter((i) => age(i) < 30)
  const recentRejected = Math.round(recent.length * 0.1)
  a.take('not_accepted', recentRejected, (i) => age(i) < 30)
  a.take('recent', recent.length - recentRejected, (i) => age(i) < 30)
  a.take('uncontactable', U.stillUncontactable, (i) => age(i) >= 150)
  a.take('committee', U.publishedByCommittee, (i) => age(i) >= 700)
  const resumedPublished = 22, resumedNotVulnerable = 2, resumedIndividually = 2
  const resumedInHandling = U.resumed - resumedPublished - resumedNotVulnerable - resumedIndividually
  if (resumedPublished + resumedNotVulnerable + resumedIndividually !== U.resumedCompleted) throw new Error('synthetic history: resumed')
  a.take('resumed_published', resumedPublished, (i) => age(i) >= 700)
  a.take('resumed_not_vulnerable', resumedNotVulnerable, (i) => age(i) >= 500)
  a.take('resumed_individually', resumedIndividually, (i) => age(i) >= 500)
  a.take('resumed_in_handling', resumedInHandling, (i) => age(i) >= 500)
  a.take('in_handling', P.inHandling - P.uncontactableInHandling - resumedInHandling - (recent.length - recentRejected))
  a.take('not_accepted', P.notAccepted - recentRejected)
  a.take('not_vulnerable', P.notVulnerable - resumedNotVulnerable, (i) => age(i) >= 40)
  const lowImpact = 3
  a.take('low_impact', lowImpact, (i) => age(i) >= 400)
  a.take('individually', P.handledIndividually - lowImpact - resumedIndividually, (i) => age(i) >= 60)
  a.rest('published')
  const { outcome } = a

  // Days from acceptance to publication (figure 4): 590 within 45, 513 at 301 or more.
  const pubIdx = [...outcome.keys()].filter((i) => outcome[i] === 'published' || outcome[i] === 'committee' || outcome[i] === 'resumed_published')
  if (pubIdx.length !== P.published) throw new Error('synthetic history: published total')
  const long = Array.from({ length: P.published301DaysOrMore }, () => 301 + Math.floor(1300 * rng.next() ** 2))
  const middle = Array.from({ length: P.published - P.publishedWithin45Days - P.published301DaysOrMore }, () => rng.int(46, 300))
  const short = Array.from({ length: P.publishedWithin45Days }, () => rng.int(7, 45))
  const acceptDay = cases.map((c) => Math.min(asOf, c.day + rng.int(1, 5)))
  // Committee and resumed publications take long: they draw from the 301+ durations first.
  const slowIdx = pubIdx.filter((i) => outcome[i] !== 'published')
  const slow = fitDurations(rng, slowIdx.map((i) => asOf - acceptDay[i]!), long)
  const restIdx = pubIdx.filter((i) => outcome[i] === 'published')
  const rest = fitDurations(rng, restIdx.map((i) => asOf - acceptDay[i]!), [...short, ...middle, ...slow.left]).fitted
  const pubDays = new Map<number, number>([...slowIdx.map((i, k) => [i, slow.fitted[k]!] as const), ...restIdx.map((i, k) => [i, rest[k]!] as const)])

  const nonRejected = outcome.filter((o) => o !== 'not_accepted').length
  const typePool = exactPool(rng, PRODUCT_TYPE_WEIGHTS, nonRejected)
  const causePool = exactPool(rng, CAUSE_WEIGHTS, nonRejected)
  const productTypeLabel = (k: string) => PRODUCT_TYPES.find((p) => p.key === k)?.ja ?? k

  return cases.map((c, i) => {
    const o = outcome[i]!
    const rejected = o === 'not_accepted'
    const productType = rejected ? PRODUCT_TYPES[rng.int(0, PRODUCT_TYPES.length - 1)]!.key : typePool.pop()!
    const cause = rejected ? null : causePool.pop()!
    const reportedType = rng.chance(0.15) ? 'other' : productType
    const t = timeline(c.day, asOf)
    const fields: HistoryCase['fields'] = { product_type: productType, ...(cause && { cause }) }
    let startDate: string | null = null
    const accept = () => {
      const d = t.move(acceptDay[i]!, 'accept', STAFF_IPA, { note: null })
      t.log(d, 'case_classified', STAFF_JPCERT, { productType, cause, previousProductType: reportedType, previousCause: null })
      return d
    }
    const notify = (on: number) => {
      const d = Math.max(t.day, Math.min(asOf, on))
      startDate ??= isoOf(d)
      return t.move(d, 'notify_developer', STAFF_JPCERT, { startDate })
    }
    const declareUncontactable = (on: number) =>
      t.move(on, 'declare_uncontactable', STAFF_JPCERT, { partyId: null, listingId: null, reason: 'no_response', attempts: rng.int(3, 8) })
    const resume = (on: number) => {
      const d = Math.max(t.day, Math.min(asOf, on))
      const data = { reason: '合成データ: 開発者から連絡があった / the developer got in touch', ...(!startDate && { startDate: isoOf(d) }) }
      startDate ??= isoOf(d)
      return t.move(d, 'resume_coordination', STAFF_JPCERT, data)
    }
    const publish = (acceptedOn: number, days: number, byCommittee: boolean) => {
      const on = acceptedOn + days
      const at = `${isoOf(on)}T02:00:00.000Z`
      const identifier = `JVN#${String(rng.int(10_000_000, 99_999_999))}`
      if (byCommittee) {
        const decided = Math.max(t.day, on - Math.max(14, Math.round(days * 0.1)))
        t.log(decided, 'committee_decision', COMMITTEE, {
          decision: 'publish', decidedByCommittee: true, referralReason: 'uncontactable', reasons: '合成データ: 連絡不能公表 / published without the developer',
          identifier, publishAt: at,
        })
        t.move(decided, 'schedule_publication', COMMITTEE, { publishAt: at, decidedByCommittee: true })
      } else {
        const scheduled = Math.max(t.day, on - Math.max(1, Math.min(21, Math.round(days * 0.1))))
        if (days > 120 && rng.chance(0.2) && on - scheduled > 4) {
          const first = `${isoOf(on - 3)}T02:00:00.000Z`
          t.move(scheduled - 10, 'schedule_publication', STAFF_JPCERT, { publishAt: first })
          t.move(scheduled, 'reschedule_publication', STAFF_JPCERT, { publishAt: at, reason: '合成データ: 開発者の修正版の公開に合わせる / aligned with the fixed release', previousPublishAt: first })
        } else {
          t.move(scheduled, 'schedule_publication', STAFF_JPCERT, { publishAt: at })
        }
      }
      t.move(on, 'publish', SYSTEM, { advisoryId: null, identifier, publishAt: at })
    }
    /** Notified, investigated, fixed: milestones as fractions of the time to publication. */
    const coordinateTo = (acceptedOn: number, days: number) => {
      const n = notify(acceptedOn + Math.max(1, Math.round(days * (0.02 + 0.1 * rng.next()))))
      const inv = t.move(n + Math.max(1, Math.round(days * (0.03 + 0.12 * rng.next()))), 'start_investigation', DEVELOPER)
      t.move(inv + Math.max(1, Math.round(days * (0.05 + 0.25 * rng.next()))), 'confirm_vulnerable', DEVELOPER)
    }

    switch (o) {
      case 'not_accepted': {
        const reason = pickWeighted(rng, REJECT_REASONS)
        fields.rejection_reason = reason
        t.move(c.day + rng.int(1, 10), 'reject', STAFF_IPA, { reason, duplicateOf: null, note: null })
        break
      }
      case 'recent': {
        const acc = accept()
        const a2 = asOf - acc
        if (a2 >= 3) {
          if (rng.chance(0.5)) t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
          if (a2 >= 8 && rng.chance(0.6)) notify(acc + rng.int(3, Math.min(20, a2)))
        }
        break
      }
      case 'published': {
        const acc = accept()
        const days = pubDays.get(i)!
        if (rng.chance(0.4)) t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        coordinateTo(acc, days)
        publish(acc, days, false)
        break
      }
      case 'committee': {
        // EoL case E: the developer of an unsupported product cannot be reached; the committee publishes "stop using".
        const acc = accept()
        const days = pubDays.get(i)!
        fields.eol_handling = 'E'
        t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        t.log(acc + 2, 'eol_handling_chosen', STAFF_JPCERT, { handling: 'E', previousHandling: null, supportEndDate: isoOf(acc - 400), productId: null, note: null })
        const u = declareUncontactable(acc + Math.round(days * 0.2))
        t.move(u + Math.round(days * 0.3), 'refer_to_committee', STAFF_JPCERT, { reason: 'uncontactable' })
        publish(acc, days, true)
        break
      }
      case 'uncontactable': {
        const acc = accept()
        t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        // Some developers answered once and then went silent (EoL case E).
        if (rng.chance(0.3)) notify(acc + rng.int(5, 30))
        declareUncontactable(t.day + rng.int(60, 200))
        break
      }
      case 'resumed_published': {
        const acc = accept()
        const days = pubDays.get(i)!
        t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        const u = declareUncontactable(acc + Math.round(days * 0.15))
        resume(u + Math.round(days * 0.25))
        const inv = t.move(t.day + Math.max(1, Math.round(days * 0.1)), 'start_investigation', DEVELOPER)
        t.move(inv + Math.max(1, Math.round(days * 0.15)), 'confirm_vulnerable', DEVELOPER)
        publish(acc, days, false)
        break
      }
      case 'resumed_not_vulnerable':
      case 'resumed_individually':
      case 'resumed_in_handling': {
        const acc = accept()
        t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        const u = declareUncontactable(acc + rng.int(60, 150))
        const r = resume(u + rng.int(60, Math.max(61, Math.min(300, asOf - u - 20))))
        if (o === 'resumed_individually') {
          const d = t.move(r + rng.int(10, 20), 'handle_individually', STAFF_JPCERT, { date: isoOf(Math.min(asOf, r + 10)), note: '合成データ: 開発者が利用者へ個別に連絡 / the developer told its users' })
          fields.ended_on = isoOf(d)
          break
        }
        const inv = t.move(r + rng.int(3, 14), 'start_investigation', DEVELOPER)
        if (o === 'resumed_not_vulnerable') t.move(inv + rng.int(5, 30), 'confirm_not_vulnerable', DEVELOPER)
        else if (rng.chance(0.5)) t.move(inv + rng.int(5, 30), 'confirm_vulnerable', DEVELOPER)
        break
      }
      case 'in_handling': {
        const acc = accept()
        const span = Math.max(1, Math.min(asOf - acc, rng.int(30, 500)))
        const stage = pickWeighted(rng, { accepted: 2, contacting: 18, notified: 16, investigating: 20, fixing: 42, scheduled: asOf - acc > 60 ? 2 : 0 })
        if (stage === 'accepted') break
        if (stage === 'contacting' || rng.chance(0.3)) t.move(acc + 1, 'start_contacting', STAFF_JPCERT)
        if (stage === 'contacting') break
        const n = notify(acc + Math.max(1, Math.round(span * 0.2)))
        if (stage === 'notified') break
        const inv = t.move(n + Math.max(1, Math.round(span * 0.2)), 'start_investigation', DEVELOPER)
        if (stage === 'investigating') break
        const f = t.move(inv + Math.max(1, Math.round(span * 0.3)), 'confirm_vulnerable', DEVELOPER)
        if (stage === 'scheduled') {
          t.move(Math.max(f, asOf - rng.int(1, 20)), 'schedule_publication', STAFF_JPCERT, { publishAt: `${isoOf(asOf + rng.int(3, 40))}T02:00:00.000Z` })
        }
        break
      }
      case 'not_vulnerable': {
        const acc = accept()
        const n = notify(acc + rng.int(1, 20))
        const inv = t.move(n + rng.int(1, 14), 'start_investigation', DEVELOPER)
        t.move(inv + rng.int(5, 40), 'confirm_not_vulnerable', DEVELOPER)
        break
      }
      case 'individually':
      case 'low_impact': {
        const acc = accept()
        const n = notify(acc + rng.int(1, 20))
        let last = n
        if (rng.chance(0.5)) {
          const inv = t.move(n + rng.int(1, 14), 'start_investigation', DEVELOPER)
          last = t.move(inv + rng.int(5, 30), 'confirm_vulnerable', DEVELOPER)
        }
        const on = Math.min(asOf, last + rng.int(10, 40))
        if (o === 'low_impact') {
          // EoL case A: the product is past end of support and the impact is small.
          fields.eol_handling = 'A'
          t.log(on, 'eol_handling_chosen', STAFF_JPCERT, { handling: 'A', previousHandling: null, supportEndDate: isoOf(acc - 200), productId: null, note: null })
          t.move(on, 'close_low_impact', STAFF_JPCERT, { date: isoOf(on), note: '合成データ: サポート終了製品、影響は軽微 / unsupported product, small impact' })
        } else {
          t.move(on, 'handle_individually', STAFF_JPCERT, { date: isoOf(on), note: '合成データ: 開発者が利用者へ個別に連絡 / the developer told its users' })
        }
        fields.ended_on = isoOf(on)
        break
      }
    }
    const name = `${productTypeLabel(productType)} P-${String(c.n).padStart(5, '0')}`
    return {
      id: `${SYNTHETIC_ID_PREFIX}p-${String(c.n).padStart(5, '0')}`,
      kind: 'product' as const,
      receivedDay: c.day,
      title: `${SYNTHETIC_LABEL} ${name} 1.0`,
      receiptNumber: c.receipt,
      reportId: `${SYNTHETIC_ID_PREFIX}report-${String(c.n).padStart(5, '0')}`,
      details: {
        productName: `${SYNTHETIC_LABEL} ${name}`, productVersion: '1.0', developerName: '合成データ株式会社 (Synthetic Co.)',
        productType: reportedType, description: '合成データ: デモ用の架空の届出です。 / Synthetic data: a made-up report for the demo.',
        reproduction: '—', impact: '—', discoveryMethod: '—', alreadyPublic: false, exploited: false, developerContacted: false,
      },
      fields,
      steps: [{ day: c.day, type: 'report_submitted', transition: false, actor: FINDER, data: { productType: reportedType } }, ...t.steps],
    }
  })
}
