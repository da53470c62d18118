import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { addBusinessDays, addCalendarDays, endOfJapanDay, japanDate, startOfJapanDay, type IsoDate, addMonths } from '../platform/calendar/business-days.js'
import type { Actor } from '../cases/case-events.js'
import type { BaseEvent, OffsetDirection, OffsetUnit, TimerKind } from './deadlines.model.js'
import type { PolicyChange } from './deadlines.schemas.js'

/** One deadline policy as the rest of the code sees it. */
export type DeadlinePolicy = {
  kind: TimerKind
  label: { ja: string; en: string }
  /** Deprecated in the API (one release): `label`. */
  labelJa: string
  labelEn: string
  baseEvent: BaseEvent
  direction: OffsetDirection
  amount: number
  unit: OffsetUnit
  reminderLeadBusinessDays: number
  enabled: boolean
  updatedAt: Date
}

/**
 * What a timer counts from: a Japan calendar day, to which the policy's offset is added, or an
 * agreed instant (a scheduled publication), which is the due time itself.
 */
export type TimerBase = { date: IsoDate } | { at: Date }

export const baseKey = (base: TimerBase): string => ('at' in base ? `at:${base.at.toISOString()}` : `date:${base.date}`)

type PolicyRow = { kind: TimerKind; label_ja: string; label_en: string; base_event: BaseEvent; direction: OffsetDirection; offset_amount: number; offset_unit: OffsetUnit; reminder_lead_business_days: number; enabled: boolean; updated_at: Date }

const present = (r: PolicyRow): DeadlinePolicy => ({
  kind: r.kind, label: { ja: r.label_ja, en: r.label_en }, labelJa: r.label_ja, labelEn: r.label_en, baseEvent: r.base_event, direction: r.direction,
  amount: r.offset_amount, unit: r.offset_unit, reminderLeadBusinessDays: r.reminder_lead_business_days, enabled: r.enabled, updatedAt: r.updated_at,
})

const COLUMNS = ['kind', 'label_ja', 'label_en', 'base_event', 'direction', 'offset_amount', 'offset_unit', 'reminder_lead_business_days', 'enabled', 'updated_at'] as const

/** Every deadline policy, in the order of the programme's flow. */
export async function listDeadlinePolicies(db: DB): Promise<DeadlinePolicy[]> {
  const rows = await db.selectFrom('deadline_policies').select(COLUMNS).execute()
  const order = ['developer_acknowledgement', 'publication_target', 'committee_referral', 'committee_urgent_referral', 'uncontactable_product_details', 'priority_information_lead', 'website_long_running']
  return rows.map(present).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
}

/** The policy of one kind of timer (other features read it too, e.g. for the priority-information lead time). */
export async function loadDeadlinePolicy(db: DB, kind: TimerKind): Promise<DeadlinePolicy> {
  const row = await db.selectFrom('deadline_policies').select(COLUMNS).where('kind', '=', kind).executeTakeFirst()
  if (!row) throw errors.notFound()
  return present(row)
}


/** The Japan calendar day a policy puts its deadline on, counted from `base`. Pure. */
export function dueDateFor(policy: Pick<DeadlinePolicy, 'amount' | 'unit' | 'direction'>, base: IsoDate): IsoDate {
  const n = policy.direction === 'before' ? -policy.amount : policy.amount
  if (policy.unit === 'business_days') return addBusinessDays(base, n)
  if (policy.unit === 'calendar_days') return addCalendarDays(base, n)
  return addMonths(base, n)
}

/** The Japan calendar day a due time falls in: a day-based deadline is due by the end of its day. */
export const dueDateOf = (dueAt: Date): IsoDate => japanDate(new Date(dueAt.getTime() - 1))

/**
 * When a timer is due and when it reminds. A day-based deadline passes at the end of its Japan
 * day (midnight JST); the reminder goes out at the start of the day `reminderLeadBusinessDays`
 * business days earlier (never after the due time). Pure.
 */
export function deadlineInstants(policy: Pick<DeadlinePolicy, 'amount' | 'unit' | 'direction' | 'reminderLeadBusinessDays'>, base: TimerBase, pausedMs = 0) {
  const plainDue = 'at' in base ? base.at : endOfJapanDay(dueDateFor(policy, base.date))
  const dueAt = new Date(plainDue.getTime() + pausedMs)
  const dueDate = dueDateOf(dueAt)
  const remindDay = policy.reminderLeadBusinessDays > 0 ? addBusinessDays(dueDate, -policy.reminderLeadBusinessDays) : dueDate
  const remindAt = new Date(Math.min(startOfJapanDay(remindDay).getTime(), dueAt.getTime()))
  return { dueAt, remindAt }
}

/**
 * An administrator changes a policy's values. Timers already running keep their due times; timers
 * started from now on use the new values. Every change is logged with before and after, in the
 * same transaction. A change that changes nothing is not logged.
 */
export async function updateDeadlinePolicy(deps: { db: DB; clock: { now: () => Date } }, input: { kind: TimerKind; change: PolicyChange; actor: Actor }): Promise<DeadlinePolicy> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('deadline_policies').select(COLUMNS).where('kind', '=', input.kind).forUpdate().executeTakeFirst()
    if (!row) throw errors.notFound()
    const now = deps.clock.now()
    const before = { amount: row.offset_amount, unit: row.offset_unit, reminderLeadBusinessDays: row.reminder_lead_business_days, enabled: row.enabled }
    const after = { ...before, ...input.change }
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k])
    if (!changed.length) return present(row)
    await trx.updateTable('deadline_policies').set({
      offset_amount: after.amount, offset_unit: after.unit, reminder_lead_business_days: after.reminderLeadBusinessDays, enabled: after.enabled,
      updated_at: now, updated_by: input.actor.user?.id ?? null,
    }).where('kind', '=', input.kind).execute()
    await trx.insertInto('deadline_policy_changes').values({
      kind: input.kind, changed_by: input.actor.user!.id, changed_at: now,
      previous: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k]]))),
      next: JSON.stringify(Object.fromEntries(changed.map((k) => [k, after[k]]))),
    }).execute()
    return present({ ...row, offset_amount: after.amount, offset_unit: after.unit, reminder_lead_business_days: after.reminderLeadBusinessDays, enabled: after.enabled, updated_at: now })
  })
}

/** The change log of the policies, newest first, with who made each change. */
export async function listPolicyChanges(db: DB, limit = 100) {
  const rows = await db.selectFrom('deadline_policy_changes').innerJoin('users', 'users.id', 'deadline_policy_changes.changed_by')
    .select(['deadline_policy_changes.id', 'deadline_policy_changes.kind', 'deadline_policy_changes.changed_at', 'deadline_policy_changes.previous',
      'deadline_policy_changes.next', 'users.display_name as changedBy'])
    .orderBy('deadline_policy_changes.id', 'desc').limit(limit).execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind, changedAt: r.changed_at, changedBy: r.changedBy, previous: r.previous, next: r.next }))
}
