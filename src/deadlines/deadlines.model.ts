/**
 * The vocabulary of deadlines (DESIGN §7). The migration holds the same lists as CHECKs; a new kind
 * needs a migration adding its policy row.
 */
export const TIMER_KINDS = [
  'developer_acknowledgement', 'publication_target', 'uncontactable_product_details', 'committee_referral', 'priority_information_lead',
  'website_long_running', 'committee_urgent_referral',
] as const
export type TimerKind = (typeof TIMER_KINDS)[number]

/** How a policy's offset counts: Japanese business days (就業日), calendar days, or calendar months. */
export const OFFSET_UNITS = ['business_days', 'calendar_days', 'months'] as const
export type OffsetUnit = (typeof OFFSET_UNITS)[number]

/** The moment a policy counts from. Fixed per kind: it is what the code watches for. */
export const BASE_EVENTS = ['notification', 'start_date', 'uncontactable_listing', 'publication', 'urgent_referral'] as const
export type BaseEvent = (typeof BASE_EVENTS)[number]

export type OffsetDirection = 'after' | 'before'

/** Why a timer stopped running. */
export const TIMER_RESOLUTIONS = [
  'acknowledged', 'published', 'closed', 'resumed', 'referred', 'details_listed', 'provided', 'moved_on', 'decided', 'urgency_cancelled',
] as const
export type TimerResolution = (typeof TIMER_RESOLUTIONS)[number]

export const isTimerKind = (v: string): v is TimerKind => (TIMER_KINDS as readonly string[]).includes(v)
