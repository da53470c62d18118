import { actionsFrom, nextStatusIn } from './transition-table.js'

/** The states of a product case (DESIGN §3). The database CHECK holds the same list. */
export const PRODUCT_CASE_STATUSES = [
  'received', 'not_accepted', 'accepted', 'contacting_developer', 'uncontactable', 'committee_review',
  'developer_notified', 'investigating', 'not_vulnerable', 'fix_in_progress', 'publication_scheduled',
  'published', 'handled_individually', 'closed_low_impact',
] as const
export type ProductCaseStatus = (typeof PRODUCT_CASE_STATUSES)[number]

export const CLOSED_PRODUCT_STATUSES: readonly ProductCaseStatus[] = ['not_accepted', 'not_vulnerable', 'published', 'handled_individually', 'closed_low_impact']

/**
 * Every move a product case can make: action → the states it may start from and the state it ends in.
 * `to: 'same'` keeps the state (a logged change within it, such as a moved publication date).
 */
const TABLE = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received'], to: 'not_accepted' },
  start_contacting: { from: ['accepted'], to: 'contacting_developer' },
  notify_developer: { from: ['accepted', 'contacting_developer'], to: 'developer_notified' },
  // Also a developer who stops answering (EoL case E).
  declare_uncontactable: { from: ['contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress'], to: 'uncontactable' },
  // 調整不能 needs the developer's finding first: while it is investigating, one who stops answering is declared uncontactable.
  refer_to_committee: { from: ['uncontactable', 'developer_notified', 'fix_in_progress'], to: 'committee_review' },
  committee_keep_waiting: { from: ['committee_review'], to: 'same' },
  resume_coordination: { from: ['uncontactable', 'committee_review'], to: 'developer_notified' },
  start_investigation: { from: ['developer_notified'], to: 'investigating' },
  confirm_vulnerable: { from: ['developer_notified', 'investigating'], to: 'fix_in_progress' },
  confirm_not_vulnerable: { from: ['developer_notified', 'investigating'], to: 'not_vulnerable' },
  schedule_publication: { from: ['fix_in_progress', 'committee_review'], to: 'publication_scheduled' },
  reschedule_publication: { from: ['publication_scheduled'], to: 'same' },
  unschedule_publication: { from: ['publication_scheduled'], to: 'fix_in_progress' },
  publish: { from: ['publication_scheduled'], to: 'published' },
  revise_advisory: { from: ['published'], to: 'same' },
  // 個別対応 (the developer informs its users itself) is agreed before the investigation starts or once it has found the flaw, not during it.
  handle_individually: { from: ['developer_notified', 'fix_in_progress'], to: 'handled_individually' },
  close_low_impact: { from: ['developer_notified', 'investigating', 'fix_in_progress'], to: 'closed_low_impact' },
} as const satisfies Record<string, { from: readonly ProductCaseStatus[]; to: ProductCaseStatus | 'same' }>

export type ProductCaseAction = keyof typeof TABLE

/** The state after `action`, or a 409 error when the table does not allow it. Pure. */
export const nextProductStatus = (from: ProductCaseStatus, action: ProductCaseAction): ProductCaseStatus => nextStatusIn(TABLE, from, action)

/** Actions the table allows from a state: what views may offer. */
export const allowedProductActions = (from: ProductCaseStatus): ProductCaseAction[] => actionsFrom(TABLE, from)
