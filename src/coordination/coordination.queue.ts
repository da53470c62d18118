import type { DB } from '../platform/db/database.js'

const OPEN = ['accepted', 'contacting_developer', 'uncontactable', 'committee_review', 'developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled']

/** Product cases in coordination, the longest-waiting first; optionally only one coordinator's. */
export async function listCoordinationCases(db: DB, coordinatorId?: string) {
  let q = db.selectFrom('cases').leftJoin('users', 'users.id', 'cases.coordinator_id')
    .select(['cases.id', 'cases.title', 'cases.status', 'cases.source', 'cases.accepted_at', 'cases.start_date', 'cases.updated_at', 'users.display_name as coordinator'])
    .where('cases.kind', '=', 'product').where('cases.status', 'in', OPEN)
  if (coordinatorId) q = q.where('cases.coordinator_id', '=', coordinatorId)
  return q.orderBy('cases.accepted_at').limit(1000).execute()
}

/** The cases an organisation has been notified of, newest first. */
export async function listOrganizationCases(db: DB, organizationId: string) {
  return db.selectFrom('case_parties').innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select(['cases.id', 'cases.kind', 'cases.title', 'cases.status', 'case_parties.notified_at', 'case_parties.status as party_status'])
    .where('case_parties.organization_id', '=', organizationId).where('case_parties.notified_at', 'is not', null)
    .orderBy('case_parties.notified_at', 'desc').execute()
}
