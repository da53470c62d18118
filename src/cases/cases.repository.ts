import type { DB } from '../platform/db/database.js'
import type { CurrentUser } from '../platform/http/context.js'
import type { CaseRelation } from '../policies/policies.js'
import { errors } from '../platform/errors.js'

/** Locks a case row for the rest of the transaction. */
export async function lockCase(trx: DB, caseId: string) {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst()
  if (!row) throw errors.notFound()
  return row
}

export async function findCase(db: DB, caseId: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
}

/**
 * How `user` (and, for anonymous finders, the holder of a tracking link) stands to a case.
 * A developer organisation counts only once notified.
 */
export async function loadCaseRelation(db: DB, caseId: string, user: CurrentUser | null, trackedReportIds: string[] = []): Promise<CaseRelation | null> {
  const c = await db.selectFrom('cases').select(['id', 'kind']).where('id', '=', caseId).executeTakeFirst()
  if (!c) return null
  const notifiedPartyIds = user?.organizationId
    ? (await db.selectFrom('case_parties').select('id').where('case_id', '=', caseId)
        .where('organization_id', '=', user.organizationId).where('notified_at', 'is not', null).execute()).map((r) => r.id)
    : []
  const ownReports = user
    ? (await db.selectFrom('reports').select('id').where('case_id', '=', caseId).where('finder_user_id', '=', user.id).execute()).map((r) => r.id)
    : []
  const tracked = trackedReportIds.length
    ? (await db.selectFrom('reports').select('id').where('case_id', '=', caseId).where('id', 'in', trackedReportIds).execute()).map((r) => r.id)
    : []
  return { caseKind: c.kind, notifiedPartyIds, ownReportIds: [...new Set([...ownReports, ...tracked])] }
}
