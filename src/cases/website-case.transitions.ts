import { actionsFrom, nextStatusIn } from './transition-table.js'

/** The states of a website case (DESIGN §4). The database CHECK holds the same list. */
export const WEBSITE_CASE_STATUSES = [
  'received', 'not_accepted', 'accepted', 'operator_notified', 'fixed', 'not_vulnerable', 'closed_by_alert', 'stalled',
] as const
export type WebsiteCaseStatus = (typeof WEBSITE_CASE_STATUSES)[number]

/** Endings: handling is over (a stalled case may still be resumed when the operator reappears). */
export const CLOSED_WEBSITE_STATUSES: readonly WebsiteCaseStatus[] = ['not_accepted', 'fixed', 'not_vulnerable', 'closed_by_alert', 'stalled']
/** Cases a public alert can close: accepted and not yet ended. */
export const OPEN_WEBSITE_STATUSES: readonly WebsiteCaseStatus[] = ['accepted', 'operator_notified']

/**
 * Every move a website case can make. The whole flow is run by intake staff (IPA) with the
 * operator; `to: 'same'` is a logged change within a state.
 */
const TABLE = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received'], to: 'not_accepted' },
  // A stalled case whose operator was never reached is notified when it is found.
  notify_operator: { from: ['accepted', 'stalled'], to: 'operator_notified' },
  remind_operator: { from: ['operator_notified'], to: 'same' },
  operator_disputed: { from: ['operator_notified'], to: 'same' },
  report_fix: { from: ['operator_notified'], to: 'fixed' },
  close_not_vulnerable: { from: ['accepted', 'operator_notified'], to: 'not_vulnerable' },
  close_stalled: { from: ['accepted', 'operator_notified'], to: 'stalled' },
  close_by_alert: { from: ['accepted', 'operator_notified'], to: 'closed_by_alert' },
  // The operator reappears after the case stalled: the days-to-fix clock keeps its first notification.
  resume_handling: { from: ['stalled'], to: 'operator_notified' },
} as const satisfies Record<string, { from: readonly WebsiteCaseStatus[]; to: WebsiteCaseStatus | 'same' }>

export type WebsiteCaseAction = keyof typeof TABLE

/** The state after `action`, or a 409 error when the table does not allow it. Pure. */
export const nextWebsiteStatus = (from: WebsiteCaseStatus, action: WebsiteCaseAction): WebsiteCaseStatus => nextStatusIn(TABLE, from, action)

/** Actions the table allows from a state: what views may offer. */
export const allowedWebsiteActions = (from: WebsiteCaseStatus): WebsiteCaseAction[] => actionsFrom(TABLE, from)
