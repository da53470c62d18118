import type { DB } from '../platform/db/database.js'

/** Reports waiting for an intake decision (oldest first) and the latest decisions. */
export async function listIntakeQueue(db: DB) {
  const base = db.selectFrom('cases').innerJoin('reports', 'reports.case_id', 'cases.id')
    .select(['cases.id', 'cases.kind', 'cases.status', 'cases.title', 'cases.product_type', 'cases.vulnerability_type', 'reports.receipt_number', 'reports.submitted_at', 'cases.updated_at'])
  const waiting = await base.where('cases.status', '=', 'received').orderBy('reports.submitted_at').limit(500).execute()
  const recent = await base.where('cases.status', '!=', 'received').where('cases.accepted_at', 'is not', null)
    .orderBy('cases.updated_at', 'desc').limit(20).execute()
  const rejected = await base.where('cases.status', '=', 'not_accepted').orderBy('cases.updated_at', 'desc').limit(20).execute()
  return { waiting, recent: [...recent, ...rejected].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime()).slice(0, 20) }
}
export type IntakeQueueData = Awaited<ReturnType<typeof listIntakeQueue>>
