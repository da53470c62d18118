import type { DB } from '../platform/db/database.js'
import { withCaseStates, type StatesReader } from './case-states.repository.js'
import { addBusinessDays, endOfJapanDay, japanDate, startOfJapanDay } from '../platform/calendar/business-days.js'
import { CAUSES, PRODUCT_TYPES } from '../cases/categories.js'
import { DAYS_TO_PUBLICATION_BOUNDS, daysToFixBuckets, type DayBucket } from './buckets.js'
import { percentOf, type Share } from './website-figures.js'
import { countPublishedAdvisories, groupProductCases, markedProvisions, type MarkedProvision, type ProductCaseGroup } from './product-figures.repository.js'

/** Every product figure of DESIGN §8 as of the end (Japan time) of one date. */
export type ProductFigures = {
  asOf: string
  /** Figure 1, product column: product reports received up to and including `asOf` (from `receivedFrom` when given). */
  reportsReceived: number
  /** Figure 2: every report in exactly one status; the shares are of `total`. */
  statuses: {
    total: number
    published: Share & { byCommittee: number }
    notVulnerable: Share
    /** received, accepted and every coordination state; `uncontactableListed`: of those, still uncontactable (figure 7). */
    inHandling: Share & { uncontactableListed: number }
    notAccepted: Share
    /** 個別対応, and the cases closed as low impact (closed_low_impact), which the real figure has no bucket for. */
    handledIndividually: Share & { lowImpact: number }
  }
  /** Figure 4: published reports by calendar days from acceptance (受理) to publication, Japan dates. */
  daysToPublication: { buckets: DayBucket[]; counts: number[]; total: number; within45: Share; over300: Share }
  /** Figures 5 and 6: every report but the not accepted (those awaiting intake included), by the classification in force. */
  byProductType: { total: number; rows: (Share & { type: string })[] }
  byCause: { total: number; rows: (Share & { cause: string })[] }
  /** Figure 7: listed = resumed + publishedByCommittee + stillUncontactable; resumedCompleted is part of resumed. */
  uncontactable: { listed: number; resumed: number; resumedCompleted: number; publishedByCommittee: number; stillUncontactable: number }
  /** Priority-information provisions made (their provision time come) by `asOf`, by sector; every sector reached counts once. */
  priorityInformation: { sector: string; count: number }[]
  /** Advisories published by `asOf` (overseas coordination requests' JVNVU# included). */
  advisoriesPublished: number
}

export { DAYS_TO_PUBLICATION_BOUNDS }
export const daysToPublicationBuckets = (bounds: readonly number[] = DAYS_TO_PUBLICATION_BOUNDS): DayBucket[] => daysToFixBuckets(bounds)

/** Figure 2's 取扱い中 (in handling): received, accepted and every coordination state. */
export const IN_HANDLING: readonly string[] = ['received', 'accepted', 'contacting_developer', 'uncontactable', 'committee_review', 'developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled']
/** A report nobody classified counts as 'other' rather than vanishing from figures 5 and 6. */
const UNCLASSIFIED_TYPE = 'other'
/** The cause list has no "other"; a report not yet classified by cause shows as its own row after the list. */
export const UNCLASSIFIED_CAUSE = 'unclassified'

const share = (count: number, whole: number): Share => ({ count, percent: percentOf(count, whole) })

/**
 * The product figures of DESIGN §8 for `asOf` (YYYY-MM-DD), from the event log alone: everything
 * recorded before the next Japan day begins counts, nothing later. With `receivedFrom`, only the
 * reports received from that Japan date on (the report's "this quarter" block); priority
 * information and advisories then count what was provided / published from that date on.
 */
export async function productFigures(db: DB, opts: { asOf: string; receivedFrom?: string; publicationBounds?: readonly number[] }): Promise<ProductFigures> {
  const cutoff = endOfJapanDay(opts.asOf)
  const { all, received } = await withCaseStates(db, cutoff, (trx, _, read) => productFiguresOf(trx, read, opts))
  return received ?? all
}

/**
 * The product figures as `read` has the cases (case-states.repository.ts, before the end of `asOf`): of
 * every report, and with `receivedFrom` also of those received from that date on — both from one
 * pass over the reports, which also counts the reports received before each of `totalsAt`.
 */
export async function productFiguresOf(db: DB, read: StatesReader, opts: {
  asOf: string; receivedFrom?: string; publicationBounds?: readonly number[]; totalsAt?: readonly Date[]
}): Promise<{ all: ProductFigures; received: ProductFigures | null; totals: number[] }> {
  const buckets = daysToPublicationBuckets(opts.publicationBounds)
  const cutoff = read.cutoff
  const from = opts.receivedFrom ? startOfJapanDay(opts.receivedFrom) : null
  const { groups, totals } = await groupProductCases(db, { read, receivedFrom: from, publicationBounds: buckets.map((b) => b.from), totalsAt: opts.totalsAt })
  const marked = await markedProvisions(db, { cutoff })
  const assemble = async (of: ProductCaseGroup[], since: Date | null) =>
    assembleProductFigures(of, marked, { asOf: opts.asOf, cutoff, from: since, buckets, advisoriesPublished: await countPublishedAdvisories(db, { cutoff, from: since }) })
  return { all: await assemble(groups, null), received: from ? await assemble(groups.filter((g) => g.recent), from) : null, totals }
}

/**
 * When a provision opens: the start (Japan time) of the business day `leadBusinessDays` before the
 * publication's Japan date — the rule of src/priority-information/provision-time.ts (`provideAtFor`).
 */
const provideAt = (m: MarkedProvision): Date | null =>
  m.publishAt ? startOfJapanDay(addBusinessDays(japanDate(m.publishAt), -m.leadBusinessDays)) : null

/** The figures from grouped cases. Pure: every category of the lists appears, zero or not. */
export function assembleProductFigures(groups: ProductCaseGroup[], marked: MarkedProvision[], o: {
  asOf: string; cutoff: Date; from: Date | null; buckets: DayBucket[]; advisoriesPublished: number
}): ProductFigures {
  const count = (pick: (g: ProductCaseGroup) => boolean, of = groups) => of.reduce((n, g) => n + (pick(g) ? g.cases : 0), 0)
  const status = (...s: string[]) => count((g) => s.includes(g.status))
  const total = count(() => true)
  const published = status('published')
  const publishedGroups = groups.filter((g) => g.status === 'published')

  const classified = groups.filter((g) => g.status !== 'not_accepted')
  const classifiedTotal = count(() => true, classified)
  const typeOf = (g: ProductCaseGroup) => g.productType ?? UNCLASSIFIED_TYPE
  const causeOf = (g: ProductCaseGroup) => g.cause ?? UNCLASSIFIED_CAUSE
  const typeKeys = keysInOrder(PRODUCT_TYPES.map((c) => c.key), classified.map(typeOf))
  const causeKeys = keysInOrder(CAUSES.map((c) => c.key), classified.map(causeOf))

  const standing = (...s: string[]) => count((g) => g.uncontactable !== null && s.includes(g.uncontactable))
  const resumed = standing('resumed', 'resumed_completed')
  const byCommittee = standing('published_by_committee')
  const still = standing('still')

  const provided = marked.filter((m) => {
    const at = provideAt(m)
    return at !== null && at < o.cutoff && (o.from === null || at >= o.from)
  })
  const sectorKeys = [...new Set(provided.flatMap((m) => [...m.sectors, ...m.organizationSectors]))].sort()

  return {
    asOf: o.asOf,
    reportsReceived: total,
    statuses: {
      total,
      published: { ...share(published, total), byCommittee: count((g) => g.byCommittee) },
      notVulnerable: share(status('not_vulnerable'), total),
      inHandling: { ...share(status(...IN_HANDLING), total), uncontactableListed: count((g) => IN_HANDLING.includes(g.status) && g.uncontactable === 'still') },
      notAccepted: share(status('not_accepted'), total),
      handledIndividually: { ...share(status('handled_individually', 'closed_low_impact'), total), lowImpact: status('closed_low_impact') },
    },
    daysToPublication: {
      buckets: o.buckets,
      counts: o.buckets.map((_, i) => count((g) => g.publicationBucket === i + 1, publishedGroups)),
      total: published,
      within45: share(count((g) => g.within45 === true, publishedGroups), published),
      over300: share(count((g) => g.over300 === true, publishedGroups), published),
    },
    byProductType: { total: classifiedTotal, rows: typeKeys.map((type) => ({ type, ...share(count((g) => typeOf(g) === type, classified), classifiedTotal) })) },
    byCause: { total: classifiedTotal, rows: causeKeys.map((cause) => ({ cause, ...share(count((g) => causeOf(g) === cause, classified), classifiedTotal) })) },
    uncontactable: {
      listed: resumed + byCommittee + still, resumed, resumedCompleted: standing('resumed_completed'), publishedByCommittee: byCommittee, stillUncontactable: still,
    },
    priorityInformation: sectorKeys.map((sector) => ({
      sector, count: provided.filter((m) => m.sectors.includes(sector) || m.organizationSectors.includes(sector)).length,
    })),
    advisoriesPublished: o.advisoriesPublished,
  }
}

/** The list's keys in its order, then any other key found in the data (a retired category). */
function keysInOrder(listed: string[], found: string[]): string[] {
  return [...listed, ...[...new Set(found)].filter((k) => !listed.includes(k)).sort()]
}
