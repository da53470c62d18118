import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { OPEN_WEBSITE_STATUSES, type WebsiteCaseStatus } from '../cases/website-case.transitions.js'

/**
 * Website cases as intake staff see them beside an alert: enough to recognise each one. STAFF
 * ONLY — nothing in this file may reach a public page, feed, API or sitemap (DESIGN §5).
 */
export type StaffCaseLine = {
  caseId: string
  status: WebsiteCaseStatus
  vulnerabilityType: string | null
  receiptNumbers: string[]
  urls: string[]
  operator: { ja: string; en: string } | null
  /** 起算日 of a website case: the day the operator was first notified. */
  notifiedOn: string | null
}

export type CoveredCase = StaffCaseLine & { addedAt: Date; addedBy: string | null }

export const CANDIDATE_LIMIT = 500

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** Receipt numbers, reported URLs and the operator of each case, in three queries whatever the count. */
async function describe(db: DB, rows: Array<{ id: string; status: string; vulnerability_type: string | null; start_date: string | null }>): Promise<StaffCaseLine[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const reports = await db.selectFrom('reports').select(['case_id', 'receipt_number', 'details'])
    .where('case_id', 'in', ids).orderBy('submitted_at').execute()
  const operators = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['case_parties.case_id', 'organizations.name_ja', 'organizations.name_en'])
    .where('case_parties.case_id', 'in', ids).where('organizations.kind', '=', 'operator').orderBy('case_parties.id').execute()
  return rows.map((r) => {
    const own = reports.filter((x) => x.case_id === r.id)
    const operator = operators.find((o) => o.case_id === r.id)
    return {
      caseId: r.id,
      status: r.status as WebsiteCaseStatus,
      vulnerabilityType: r.vulnerability_type,
      receiptNumbers: own.map((x) => x.receipt_number),
      urls: [...new Set(own.flatMap((x) => asStrings((x.details as Record<string, unknown> | null)?.urls)))],
      operator: operator ? { ja: operator.name_ja, en: operator.name_en } : null,
      notifiedOn: r.start_date,
    }
  })
}

/** Open website cases (accepted, operator notified) not yet covered by `alertId`, oldest notification first. */
export async function listCandidateCases(db: DB, f: { alertId: string; vulnerabilityType: string | null }): Promise<{ items: StaffCaseLine[]; truncated: boolean }> {
  let q = db.selectFrom('cases').select(['id', 'status', 'vulnerability_type', 'start_date'])
    .where('kind', '=', 'website').where('status', 'in', [...OPEN_WEBSITE_STATUSES])
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('alert_cases').select('alert_cases.case_id').whereRef('alert_cases.case_id', '=', 'cases.id').where('alert_cases.alert_id', '=', f.alertId),
    )))
  if (f.vulnerabilityType) q = q.where('vulnerability_type', '=', f.vulnerabilityType)
  const rows = await q.orderBy('start_date', 'asc').orderBy('created_at', 'asc').limit(CANDIDATE_LIMIT + 1).execute()
  return { items: await describe(db, rows.slice(0, CANDIDATE_LIMIT)), truncated: rows.length > CANDIDATE_LIMIT }
}

/** The cases an alert covers, in the order they were added, with their current status. */
export async function listCoveredCases(db: DB, alertId: string): Promise<CoveredCase[]> {
  const rows = await db.selectFrom('alert_cases').innerJoin('cases', 'cases.id', 'alert_cases.case_id')
    .leftJoin('users', 'users.id', 'alert_cases.added_by')
    .select(['cases.id', 'cases.status', 'cases.vulnerability_type', 'cases.start_date', 'alert_cases.added_at', 'users.display_name'])
    .where('alert_cases.alert_id', '=', alertId).orderBy('alert_cases.added_at').orderBy('cases.created_at').execute()
  const lines = await describe(db, rows)
  return lines.map((line, i) => ({ ...line, addedAt: rows[i]!.added_at, addedBy: rows[i]!.display_name }))
}

export async function countCoveredCases(db: DB, alertIds: string[]): Promise<Map<string, number>> {
  if (alertIds.length === 0) return new Map()
  const rows = await db.selectFrom('alert_cases').select(['alert_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('alert_id', 'in', alertIds).groupBy('alert_id').execute()
  return new Map(rows.map((r) => [r.alert_id, Number(r.n)]))
}

/** Of `caseIds`, the open website cases, locked against a concurrent change for the transaction. */
export async function lockOpenWebsiteCases(trx: DB, caseIds: string[]): Promise<string[]> {
  const rows = await trx.selectFrom('cases').select('id').where('id', 'in', caseIds)
    .where('kind', '=', 'website').where('status', 'in', [...OPEN_WEBSITE_STATUSES]).forUpdate().execute()
  return rows.map((r) => r.id)
}

export async function insertCoverage(trx: DB, alertId: string, caseIds: string[], p: { userId: string; now: Date }): Promise<number> {
  const result = await trx.insertInto('alert_cases')
    .values(caseIds.map((caseId) => ({ alert_id: alertId, case_id: caseId, added_by: p.userId, added_at: p.now })))
    .onConflict((oc) => oc.columns(['alert_id', 'case_id']).doNothing()).executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/** Cases of `caseIds` this alert covers; those closed by it are reported separately (their record stays). */
export async function coverageOf(trx: DB, alertId: string, caseIds: string[]): Promise<Array<{ caseId: string; closedByThisAlert: boolean }>> {
  const rows = await trx.selectFrom('alert_cases').select('case_id').where('alert_id', '=', alertId).where('case_id', 'in', caseIds).execute()
  if (rows.length === 0) return []
  const closed = await trx.selectFrom('case_events').select('case_id').where('type', '=', 'close_by_alert')
    .where('case_id', 'in', rows.map((r) => r.case_id)).where(sql<boolean>`case_events.data->>'alertId' = ${alertId}`).execute()
  const closedIds = new Set(closed.map((r) => r.case_id))
  return rows.map((r) => ({ caseId: r.case_id, closedByThisAlert: closedIds.has(r.case_id) }))
}

export async function deleteCoverage(trx: DB, alertId: string, caseIds: string[]) {
  await trx.deleteFrom('alert_cases').where('alert_id', '=', alertId).where('case_id', 'in', caseIds).execute()
}

/** The covered cases of an alert and their current status: what "close every open covered case" walks. */
export async function coveredCaseStatuses(db: DB, alertId: string): Promise<Array<{ caseId: string; status: string }>> {
  const rows = await db.selectFrom('alert_cases').innerJoin('cases', 'cases.id', 'alert_cases.case_id')
    .select(['cases.id', 'cases.status']).where('alert_cases.alert_id', '=', alertId)
    .orderBy('alert_cases.added_at').orderBy('cases.created_at').execute()
  return rows.map((r) => ({ caseId: r.id, status: r.status }))
}
