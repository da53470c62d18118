import type { DB } from '../platform/db/database.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { lockCase } from '../cases/cases.repository.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import type { TimerKind, TimerResolution } from './deadlines.model.js'
import { baseKey, loadDeadlinePolicy, type TimerBase } from './deadline-policies.js'
import { openTimer, rebaseTimer, resolveTimers } from './timers.usecases.js'

/** States in which a notified developer is expected to acknowledge. */
const ACKNOWLEDGING: readonly string[] = ['developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled']
/** States in which the developer's name stands on the uncontactable list. */
const LISTED: readonly string[] = ['uncontactable', 'committee_review']

/** What the timers of a case follow from, read from its row, parties, advisory and event log. */
export type CaseFacts = {
  status: string
  startDate: string | null
  /** Earliest notification of a party that has neither acknowledged nor answered yet. */
  oldestPendingNotification: Date | null
  anyNotified: boolean
  /** The agreed publication time, while the advisory is scheduled. */
  scheduledPublishAt: Date | null
  /** When the case was last declared uncontactable, unless coordination resumed since. */
  listedAt: Date | null
  /** The uncontactable feature recorded that the listing now shows the product (after listedAt). */
  detailsListed: boolean
}

/** A clock the case should have: started when missing (`start`), otherwise only kept in step. */
type Wanted = { base: TimerBase; episode: string; start: boolean } | 'leave'

/**
 * The timers a case should have running, from its facts. Pure. Kinds missing from the result are
 * resolved; 'leave' keeps an open timer as it is (started by another feature, nothing to follow).
 */
export function wantedTimers(f: CaseFacts): Map<TimerKind, Wanted> {
  const wanted = new Map<TimerKind, Wanted>()
  if (f.status === 'published' || CLOSED_PRODUCT_STATUSES.includes(f.status as ProductCaseStatus)) return wanted
  if (ACKNOWLEDGING.includes(f.status) && f.oldestPendingNotification) {
    const at = f.oldestPendingNotification
    wanted.set('developer_acknowledgement', { base: { date: japanDate(at) }, episode: `notified:${at.toISOString()}`, start: true })
  }
  if (f.startDate) {
    // The guideline's target counts from the 起算日; once a date is agreed, the timer follows that date.
    const base: TimerBase = f.scheduledPublishAt ? { at: f.scheduledPublishAt } : { date: f.startDate }
    wanted.set('publication_target', { base, episode: `start:${f.startDate}`, start: true })
  }
  if (f.listedAt && LISTED.includes(f.status)) {
    const listed = { base: { date: japanDate(f.listedAt) }, episode: `listed:${f.listedAt.toISOString()}`, start: true }
    if (!f.detailsListed) wanted.set('uncontactable_product_details', listed)
    if (f.status === 'uncontactable') wanted.set('committee_referral', listed)
  }
  // Priority provision is chosen per advisory by its own feature, which starts this timer; here it
  // only follows the publication date.
  wanted.set('priority_information_lead', f.scheduledPublishAt ? { base: { date: japanDate(f.scheduledPublishAt) }, episode: 'priority', start: false } : 'leave')
  return wanted
}

/** Why a timer the case no longer needs stopped. Pure. */
export function resolutionFor(kind: TimerKind, f: CaseFacts): TimerResolution {
  if (f.status === 'published') return 'published'
  if (CLOSED_PRODUCT_STATUSES.includes(f.status as ProductCaseStatus)) return 'closed'
  if (kind === 'developer_acknowledgement') return f.anyNotified && !f.oldestPendingNotification ? 'acknowledged' : 'moved_on'
  if (kind === 'committee_referral' && f.status === 'committee_review') return 'referred'
  if (kind === 'uncontactable_product_details' && f.detailsListed && LISTED.includes(f.status)) return 'details_listed'
  if ((kind === 'committee_referral' || kind === 'uncontactable_product_details') && !LISTED.includes(f.status)) return 'resumed'
  return 'moved_on'
}

async function readFacts(trx: DB, kase: { id: string; status: string; start_date: string | null }, now: Date): Promise<CaseFacts> {
  const parties = await trx.selectFrom('case_parties').select(['status', 'notified_at']).where('case_id', '=', kase.id).execute()
  const pending = parties.filter((p) => p.status === 'notified' && p.notified_at).map((p) => p.notified_at!.getTime())
  const advisory = await trx.selectFrom('advisories').select(['status', 'publish_at']).where('case_id', '=', kase.id).executeTakeFirst()
  const marks = await trx.selectFrom('case_events').select(['type', (eb) => eb.fn.max('id').as('id'), (eb) => eb.fn.max('occurred_at').as('at')])
    .where('case_id', '=', kase.id).where('type', 'in', ['declare_uncontactable', 'resume_coordination', 'listing_details_published']).groupBy('type').execute()
  const declared = marks.find((m) => m.type === 'declare_uncontactable')
  const resumed = marks.find((m) => m.type === 'resume_coordination')
  // Written by the uncontactable feature's job when the product joins the public listing.
  const detailsPublished = marks.find((m) => m.type === 'listing_details_published')
  let listedAt = declared && (!resumed || Number(resumed.id) < Number(declared.id)) ? new Date(declared.at as Date) : null
  // Called inside the transition itself, before its event is written: the listing starts now.
  if (!listedAt && kase.status === 'uncontactable') listedAt = now
  return {
    status: kase.status,
    startDate: kase.start_date,
    oldestPendingNotification: pending.length ? new Date(Math.min(...pending)) : null,
    anyNotified: parties.some((p) => p.notified_at),
    scheduledPublishAt: advisory?.status === 'scheduled' && advisory.publish_at ? advisory.publish_at : null,
    listedAt,
    detailsListed: Boolean(listedAt && declared && detailsPublished && Number(detailsPublished.id) > Number(declared.id)),
  }
}

/**
 * Brings a case's timers in line with its state and history: starts the clocks it now needs
 * (acknowledgement due at notification, publication target at the 起算日, committee referral and
 * product details at the uncontactable listing), moves those whose base moved (a rescheduled
 * publication), and resolves those no longer needed (acknowledged, published, resumed, closed).
 * Idempotent, and a resolved clock is never started again for the same episode. Locks the case
 * row; call it in a transaction (the deadline job does, for every changed case).
 */
export async function syncCaseTimers(trx: DB, caseId: string, now: Date): Promise<{ started: TimerKind[]; moved: TimerKind[]; resolved: TimerKind[] }> {
  const out = { started: [] as TimerKind[], moved: [] as TimerKind[], resolved: [] as TimerKind[] }
  const kase = await lockCase(trx, caseId)
  if (kase.kind !== 'product') return out
  const facts = await readFacts(trx, kase, now)
  const wanted = wantedTimers(facts)
  const timers = await trx.selectFrom('timers').selectAll().where('case_id', '=', caseId).forUpdate().execute()
  const open = timers.filter((t) => !t.resolved_at)

  for (const timer of open) {
    const want = wanted.get(timer.kind)
    if (!want) {
      await resolveTimers(trx, { caseId, kinds: [timer.kind], now, resolution: resolutionFor(timer.kind, facts) })
      out.resolved.push(timer.kind)
    } else if (want !== 'leave' && timer.data.base !== baseKey(want.base)) {
      await rebaseTimer(trx, timer, await loadDeadlinePolicy(trx, timer.kind), want.base, now)
      out.moved.push(timer.kind)
    }
  }
  for (const [kind, want] of wanted) {
    if (want === 'leave' || !want.start || open.some((t) => t.kind === kind)) continue
    if (timers.some((t) => t.kind === kind && t.data.episode === want.episode)) continue
    if (await openTimer(trx, { caseId, kind, base: want.base, now, episode: want.episode })) out.started.push(kind)
  }
  return out
}
