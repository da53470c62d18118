import type { DB } from '../platform/db/database.js'

const COLUMNS = [
  'self_reports.id', 'self_reports.case_id', 'self_reports.organization_id', 'self_reports.party_id', 'self_reports.submitted_by',
  'self_reports.receipt_number', 'self_reports.product_name', 'self_reports.product_versions', 'self_reports.description',
  'self_reports.fix_description', 'self_reports.fixed_versions', 'self_reports.fix_released_on', 'self_reports.submitted_at',
  'cases.status', 'cases.start_date', 'cases.rejection_reason', 'organizations.name_ja', 'organizations.name_en',
] as const

const base = (db: DB) => db.selectFrom('self_reports')
  .innerJoin('cases', 'cases.id', 'self_reports.case_id')
  .innerJoin('organizations', 'organizations.id', 'self_reports.organization_id')

export async function findSelfReport(db: DB, id: string) {
  return base(db).select(COLUMNS).where('self_reports.id', '=', id).executeTakeFirst()
}

export async function findSelfReportByCase(db: DB, caseId: string) {
  return base(db).select(COLUMNS).where('self_reports.case_id', '=', caseId).executeTakeFirst()
}

/** Self-reports newest first: one organisation's, or (for staff) everyone's. */
export async function listSelfReports(db: DB, filter: { organizationId?: string } = {}) {
  let q = base(db).select(COLUMNS)
  if (filter.organizationId) q = q.where('self_reports.organization_id', '=', filter.organizationId)
  return q.orderBy('self_reports.submitted_at', 'desc').limit(500).execute()
}

export type SelfReportRow = NonNullable<Awaited<ReturnType<typeof findSelfReport>>>

/** How the API shows a self-report. */
export const presentSelfReport = (r: SelfReportRow) => ({
  id: r.id, caseId: r.case_id, receiptNumber: r.receipt_number, status: r.status, startDate: r.start_date,
  rejectionReason: r.rejection_reason, organization: { id: r.organization_id, name: { ja: r.name_ja, en: r.name_en } },
  productName: r.product_name, productVersions: r.product_versions, description: r.description,
  fixDescription: r.fix_description, fixedVersions: r.fixed_versions, fixReleasedOn: r.fix_released_on, submittedAt: r.submitted_at,
})
