import type { DB } from '../platform/db/database.js'
import { addBusinessDays, japanDate, startOfJapanDay } from '../platform/calendar/business-days.js'
import { loadDeadlinePolicy } from '../deadlines/index.js'

export const DEFAULT_LEAD_BUSINESS_DAYS = 5
export const MAX_LEAD_BUSINESS_DAYS = 60

/**
 * When a provision opens: the start (00:00 Japan time) of the business day `leadBusinessDays`
 * business days before the Japan calendar day of publication. Computed, never stored, so moving
 * the publication date moves the provision; no publication time, no provision.
 */
export function provideAtFor(publishAt: Date | null, leadBusinessDays: number): Date | null {
  if (!publishAt) return null
  return startOfJapanDay(addBusinessDays(japanDate(publishAt), -leadBusinessDays))
}

/** Where a provision stands at `now`, from its advisory (the same rule as `publicAdvisories`). */
export type ProvisionState = 'unscheduled' | 'pending' | 'open' | 'published'

export function provisionState(advisory: { status: string; publishAt: Date | null }, leadBusinessDays: number, now: Date): { state: ProvisionState; provideAt: Date | null } {
  const scheduled = (advisory.status === 'scheduled' || advisory.status === 'published') && advisory.publishAt !== null
  if (!scheduled) return { state: 'unscheduled', provideAt: null }
  const provideAt = provideAtFor(advisory.publishAt, leadBusinessDays)!
  if (advisory.publishAt! <= now) return { state: 'published', provideAt }
  return { state: now >= provideAt ? 'open' : 'pending', provideAt }
}

/**
 * The lead time a coordinator is offered: the deadlines policy `priority_information_lead` (DESIGN
 * §7, configured at /deadlines/policies) when it is enabled and counts business days before
 * publication, else 5 business days. Read at run time, so a changed policy applies at once; call it
 * outside a transaction (a failed read would abort one on PostgreSQL).
 */
export async function defaultLeadBusinessDays(db: DB): Promise<number> {
  try {
    const policy = await loadDeadlinePolicy(db, 'priority_information_lead')
    const usable = policy.enabled && policy.direction === 'before' && policy.unit === 'business_days'
      && Number.isInteger(policy.amount) && policy.amount >= 1 && policy.amount <= MAX_LEAD_BUSINESS_DAYS
    return usable ? policy.amount : DEFAULT_LEAD_BUSINESS_DAYS
  } catch {
    return DEFAULT_LEAD_BUSINESS_DAYS
  }
}
