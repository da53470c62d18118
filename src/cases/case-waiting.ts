/** The people a case moves between, as the summary names them. */
export type CaseRole = 'finder' | 'intake' | 'coordinator' | 'developer' | 'operator' | 'committee'

/** Who must act next and who is waiting for it; null once handling is over. */
export type Waiting = { on: CaseRole; who: CaseRole } | null

const PRODUCT: Record<string, Waiting> = {
  received: { on: 'intake', who: 'finder' },
  accepted: { on: 'coordinator', who: 'finder' },
  contacting_developer: { on: 'developer', who: 'coordinator' },
  uncontactable: { on: 'developer', who: 'coordinator' },
  committee_review: { on: 'committee', who: 'coordinator' },
  developer_notified: { on: 'developer', who: 'coordinator' },
  investigating: { on: 'developer', who: 'coordinator' },
  fix_in_progress: { on: 'developer', who: 'coordinator' },
  publication_scheduled: { on: 'coordinator', who: 'finder' },
}

// The whole website flow is run by intake staff (IPA) with the operator (DESIGN §4).
const WEBSITE: Record<string, Waiting> = {
  received: { on: 'intake', who: 'finder' },
  accepted: { on: 'intake', who: 'finder' },
  operator_notified: { on: 'operator', who: 'intake' },
  stalled: { on: 'operator', who: 'intake' },
}

/** Who the case is waiting on in its state (DESIGN §3, §4); closed states wait on nobody. Pure. */
export function waitingOf(kind: string, status: string): Waiting {
  return (kind === 'website' ? WEBSITE : PRODUCT)[status] ?? null
}
