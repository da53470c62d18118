import type { DB } from '../platform/db/database.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { lockCase } from '../cases/cases.repository.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import { CLOSED_WEBSITE_STATUSES, type WebsiteCaseStatus } from '../cases/website-case.transitions.js'
import type { TimerKind, TimerResolution } from './deadlines.model.js'
import { baseKey, loadDeadlinePolicy, type TimerBase } from './deadline-policies.js'
import { openTimer, rebaseTimer, resolveTimers, type Timer } from './timers.usecases.js'

/** States in which a notified developer is expected to acknowledge. */
const ACKNOWLEDGING: readonly string[] = ['developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled']
/** The committee's events that start and end an urgent referral's clock. */
const URGENCY_EVENTS = ['committee_urgency_marked', 'committee_urgency_cancelled', 'committee_keep_waiting']
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
  /** When the committee referral was last marked urgent, unless that urgency was cancelled or answered by a decision since. */
  urgentSince?: Date | null
  /** What ended the last urgency: the committee decided (kept waiting) or a coordinator cancelled it. */
  urgencyEnd?: 'decided' | 'cancelled' | null
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
  // An urgent referral runs on its own, shorter policy, from the day it was marked urgent, until the committee decides.
  if (f.urgentSince && f.status === 'committee_review') {
    wanted.set('committee_urgent_referral', { base: { date: japanDate(f.urgentSince) }, episode: `urgent:${f.urgentSince.toISOString()}`, start: true })
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
  if (kind === 'committee_urgent_referral') {
    if (f.status === 'committee_review') return f.urgencyEnd === 'cancelled' ? 'urgency_cancelled' : 'decided'
    return f.status === 'publication_scheduled' ? 'decided' : 'resumed'
  }
  if (kind === 'uncontactable_product_details' && f.detailsListed && LISTED.includes(f.status)) return 'details_listed'
  if ((kind === 'committee_referral' || kind === 'uncontactable_product_details') && !LISTED.includes(f.status)) return 'resumed'
  return 'moved_on'
}

async function readFacts(trx: DB, kase: { id: string; status: string; start_date: string | null }, now: Date): Promise<CaseFacts> {
  const parties = await trx.selectFrom('case_parties').select(['status', 'notified_at']).where('case_id', '=', kase.id).execute()
  const pending = parties.filter((p) => p.status === 'notified' && p.notified_at).map((p) => p.notified_at!.getTime())
  const advisory = await trx.selectFrom('advisories').select(['status', 'publish_at']).where('case_id', '=', kase.id).executeTakeFirst()
  const marks = await trx.selectFrom('case_events').select(['type', (eb) => eb.fn.max('id').as('id'), (eb) => eb.fn.max('occurred_at').as('at')])
    .where('case_id', '=', kase.id).where('type', 'in', ['declare_uncontactable', 'resume_coordination', 'listing_details_published', ...URGENCY_EVENTS]).groupBy('type').execute()
  const declared = marks.find((m) => m.type === 'declare_uncontactable')
  const resumed = marks.find((m) => m.type === 'resume_coordination')
  // Written by the uncontactable feature's job when the product joins the public listing.
  const detailsPublished = marks.find((m) => m.type === 'listing_details_published')
  let listedAt = declared && (!resumed || Number(resumed.id) < Number(declared.id)) ? new Date(declared.at as Date) : null
  // Called inside the transition itself, before its event is written: the listing starts now.
  if (!listedAt && kase.status === 'uncontactable') listedAt = now
  // Written by the committee feature: an urgency lasts until it is cancelled or a decision answers it.
  const urgent = marks.find((m) => m.type === 'committee_urgency_marked')
  const ender = marks.filter((m) => m.type === 'committee_urgency_cancelled' || m.type === 'committee_keep_waiting')
    .sort((a, b) => Number(b.id) - Number(a.id))[0]
  const urgentSince = urgent && (!ender || Number(ender.id) < Number(urgent.id)) ? new Date(urgent.at as Date) : null
  const urgencyEnd = urgent && !urgentSince && ender ? (ender.type === 'committee_urgency_cancelled' ? 'cancelled' : 'decided') : null
  return {
    status: kase.status,
    startDate: kase.start_date,
    oldestPendingNotification: pending.length ? new Date(Math.min(...pending)) : null,
    anyNotified: parties.some((p) => p.notified_at),
    scheduledPublishAt: advisory?.status === 'scheduled' && advisory.publish_at ? advisory.publish_at : null,
    listedAt,
    detailsListed: Boolean(listedAt && declared && detailsPublished && Number(detailsPublished.id) > Number(declared.id)),
    urgentSince,
    urgencyEnd,
  }
}

/** What the long-running clock of a website case follows (DESIGN §4). */
export type WebsiteCaseFacts = {
  status: string
  /** The Japan date the operator was first notified; kept when the case is resumed or notified again. */
  startDate: string | null
  /** The event that last brought the case (back) to operator_notified: each handling period is one run of the clock. */
  notifiedEventId: number | null
}

/**
 * The clock a website case should have running. Pure. While the operator is notified, the
 * long-running timer counts from the first notification; a case resumed after a stall gets it
 * again from the same date (a new run, keyed on the event that resumed it, so it starts once).
 */
export function wantedWebsiteTimers(f: WebsiteCaseFacts): Map<TimerKind, Wanted> {
  const wanted = new Map<TimerKind, Wanted>()
  if (f.status === 'operator_notified' && f.startDate) {
    wanted.set('website_long_running', { base: { date: f.startDate }, episode: `notified:${f.startDate}:${f.notifiedEventId ?? 0}`, start: true })
  }
  return wanted
}

/** Why a website case's clock stopped: it ended (fixed, not vulnerable, closed by an alert, stalled). Pure. */
export const websiteResolutionFor = (f: Pick<WebsiteCaseFacts, 'status'>): TimerResolution =>
  CLOSED_WEBSITE_STATUSES.includes(f.status as WebsiteCaseStatus) ? 'closed' : 'moved_on'

async function readWebsiteFacts(trx: DB, kase: { id: string; status: string; start_date: string | null }): Promise<WebsiteCaseFacts> {
  // Moves within the state (reminders, disputes) record from = to; only entering it counts.
  const entry = await trx.selectFrom('case_events').select('id').where('case_id', '=', kase.id)
    .where('to_status', '=', 'operator_notified').where('from_status', '<>', 'operator_notified')
    .orderBy('id', 'desc').limit(1).executeTakeFirst()
  return { status: kase.status, startDate: kase.start_date, notifiedEventId: entry ? Number(entry.id) : null }
}

/** The timers a case should have and why the others stop, by kind of case. */
async function planFor(trx: DB, kase: { id: string; kind: string; status: string; start_date: string | null }, now: Date) {
  if (kase.kind === 'website') {
    const facts = await readWebsiteFacts(trx, kase)
    return { wanted: wantedWebsiteTimers(facts), resolution: () => websiteResolutionFor(facts) }
  }
  const facts = await readFacts(trx, kase, now)
  return { wanted: wantedTimers(facts), resolution: (kind: TimerKind) => resolutionFor(kind, facts) }
}

/**
 * A website case resumed after a stall continues the clock of its first notification: notices the
 * previous run already sent for the same due time are not sent again.
 */
async function carryOverNotices(trx: DB, started: Timer, previous: readonly Timer[]): Promise<void> {
  const before = previous.filter((t) => t.kind === started.kind && t.id !== started.id && t.due_at.getTime() === started.due_at.getTime())
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0]
  if (!before || (!before.reminded_at && !before.overdue_notified_at)) return
  await trx.updateTable('timers').set({ reminded_at: before.reminded_at, overdue_notified_at: before.overdue_notified_at }).where('id', '=', started.id).execute()
}

/**
 * Brings a case's timers in line with its state and history: starts the clocks it now needs
 * (acknowledgement due at notification, publication target at the 起算日, committee referral and
 * product details at the uncontactable listing; for a website case, the long-running clock while
 * its operator is notified), moves those whose base moved (a rescheduled publication), and
 * resolves those no longer needed (acknowledged, published, resumed, closed). Idempotent, and a
 * resolved clock is never started again for the same episode. Locks the case row; call it in a
 * transaction (the deadline job does, for every changed case).
 */
export async function syncCaseTimers(trx: DB, caseId: string, now: Date): Promise<{ started: TimerKind[]; moved: TimerKind[]; resolved: TimerKind[] }> {
  const out = { started: [] as TimerKind[], moved: [] as TimerKind[], resolved: [] as TimerKind[] }
  const kase = await lockCase(trx, caseId)
  const { wanted, resolution } = await planFor(trx, kase, now)
  const timers = await trx.selectFrom('timers').selectAll().where('case_id', '=', caseId).forUpdate().execute()
  const open = timers.filter((t) => !t.resolved_at)

  for (const timer of open) {
    const want = wanted.get(timer.kind)
    if (!want) {
      await resolveTimers(trx, { caseId, kinds: [timer.kind], now, resolution: resolution(timer.kind) })
      out.resolved.push(timer.kind)
    } else if (want !== 'leave' && timer.data.base !== baseKey(want.base)) {
      await rebaseTimer(trx, timer, await loadDeadlinePolicy(trx, timer.kind), want.base, now)
      out.moved.push(timer.kind)
    }
  }
  for (const [kind, want] of wanted) {
    if (want === 'leave' || !want.start || open.some((t) => t.kind === kind)) continue
    if (timers.some((t) => t.kind === kind && t.data.episode === want.episode)) continue
    const started = await openTimer(trx, { caseId, kind, base: want.base, now, episode: want.episode })
    if (!started) continue
    if (kase.kind === 'website') await carryOverNotices(trx, started, timers)
    out.started.push(kind)
  }
  return out
}
