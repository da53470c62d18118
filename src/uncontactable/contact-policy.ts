import type { DB } from '../platform/db/database.js'
import { addBusinessDays, addCalendarDays, businessDaysBetween, japanDate, type IsoDate } from '../platform/calendar/business-days.js'
import type { ContactChannel } from './uncontactable.tables.js'
import type { PolicyInput } from './uncontactable.schemas.js'

/** When a developer may be declared uncontactable (連絡不能), and when its listing shows the product. */
export type ContactPolicy = {
  requiredChannels: ContactChannel[]
  minAttempts: number
  minSpanBusinessDays: number
  detailsAfterMonths: number
}

/** How far one developer's case is towards the policy: what the case page shows and the 409 carries. */
export type PolicyProgress = {
  attempts: number
  minAttempts: number
  channelsTried: ContactChannel[]
  missingChannels: ContactChannel[]
  firstAttemptOn: IsoDate | null
  businessDaysElapsed: number
  minSpanBusinessDays: number
  /** The first Japan business day on which the span is long enough (null before any attempt). */
  earliestOn: IsoDate | null
  met: boolean
}

type Attempt = { channel: ContactChannel; attempted_at: Date; result: 'no_answer' | 'bounced' | 'reached' | 'refused' }

export async function loadPolicy(db: DB): Promise<ContactPolicy> {
  const row = await db.selectFrom('uncontactable_policy').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
  return {
    requiredChannels: row.required_channels,
    minAttempts: row.min_attempts,
    minSpanBusinessDays: row.min_span_business_days,
    detailsAfterMonths: row.details_after_months,
  }
}

/** Changes the policy (administrators). It applies to every later declaration. */
export async function savePolicy(db: DB, input: { policy: PolicyInput; userId: string; now: Date }): Promise<ContactPolicy> {
  const p = input.policy
  await db.updateTable('uncontactable_policy').set({
    required_channels: [...new Set(p.requiredChannels)], min_attempts: p.minAttempts, min_span_business_days: p.minSpanBusinessDays,
    details_after_months: p.detailsAfterMonths, updated_at: input.now, updated_by: input.userId,
  }).where('id', '=', 1).execute()
  return loadPolicy(db)
}

/**
 * Pure: measures unanswered attempts (no answer, bounced) made after the last time the developer
 * was reached or answered — so a developer who was notified and then stopped answering (EoL case
 * E) is measured from when it went silent, not from the first contact.
 */
export function assessContactPolicy(policy: ContactPolicy, attempts: Attempt[], silentSince: Date | null, today: IsoDate): PolicyProgress {
  const lastAnswer = attempts.filter((a) => a.result === 'reached' || a.result === 'refused').map((a) => japanDate(a.attempted_at))
  const resetOn = [silentSince ? japanDate(silentSince) : null, ...lastAnswer].filter((d): d is string => d !== null).sort().pop() ?? null
  const counted = attempts
    .filter((a) => (a.result === 'no_answer' || a.result === 'bounced') && (!resetOn || japanDate(a.attempted_at) > resetOn))
    .sort((a, b) => a.attempted_at.getTime() - b.attempted_at.getTime())
  const channelsTried = [...new Set(counted.map((a) => a.channel))]
  const missingChannels = policy.requiredChannels.filter((ch) => !channelsTried.includes(ch))
  const firstAttemptOn = counted[0] ? japanDate(counted[0].attempted_at) : null
  const businessDaysElapsed = firstAttemptOn && firstAttemptOn < today ? businessDaysBetween(addCalendarDays(firstAttemptOn, 1), today) : 0
  const earliestOn = firstAttemptOn ? addBusinessDays(firstAttemptOn, policy.minSpanBusinessDays) : null
  return {
    attempts: counted.length, minAttempts: policy.minAttempts, channelsTried, missingChannels, firstAttemptOn,
    businessDaysElapsed, minSpanBusinessDays: policy.minSpanBusinessDays, earliestOn,
    met: counted.length >= policy.minAttempts && missingChannels.length === 0 && businessDaysElapsed >= policy.minSpanBusinessDays,
  }
}

/** The progress of one developer of a case, read with `db` (pass the transaction inside one). */
export async function partyProgress(db: DB, input: { caseId: string; partyId: string; now: Date; policy?: ContactPolicy }): Promise<PolicyProgress> {
  const policy = input.policy ?? await loadPolicy(db)
  const party = await db.selectFrom('case_parties').select('notified_at').where('id', '=', input.partyId).where('case_id', '=', input.caseId).executeTakeFirst()
  const attempts = await db.selectFrom('contact_attempts').select(['channel', 'attempted_at', 'result'])
    .where('case_id', '=', input.caseId).where('party_id', '=', input.partyId).execute()
  return assessContactPolicy(policy, attempts, party?.notified_at ?? null, japanDate(input.now))
}
