import type { DB } from '../platform/db/database.js'
import { hashSecret } from '../platform/secrets.js'

export type ReportDetails = {
  productName: string
  productVersion: string
  developerName?: string
  productType: string
  description: string
  reproduction: string
  impact: string
  discoveryMethod?: string
  alreadyPublic: 'yes' | 'no' | 'unknown'
  exploited: 'yes' | 'no' | 'unknown'
  developerContacted: 'yes' | 'no' | 'unknown'
}

const reportColumns = [
  'reports.id', 'reports.case_id', 'reports.receipt_number', 'reports.kind', 'reports.finder_user_id', 'reports.finder_name',
  'reports.finder_email', 'reports.finder_organization', 'reports.consent_share_identity', 'reports.consent_credit',
  'reports.credit_name', 'reports.locale', 'reports.details', 'reports.submitted_at',
] as const

export async function findReportByTrackingSecret(db: DB, secret: string) {
  return db.selectFrom('reports').select(reportColumns).where('tracking_token_hash', '=', hashSecret(secret)).executeTakeFirst()
}

export async function findReportByReceipt(db: DB, receipt: string) {
  return db.selectFrom('reports').select(reportColumns).where('receipt_number', '=', receipt).executeTakeFirst()
}

export async function findReport(db: DB, id: string) {
  return db.selectFrom('reports').select(reportColumns).where('id', '=', id).executeTakeFirst()
}

export async function listReportsOfCase(db: DB, caseId: string) {
  return db.selectFrom('reports').select(reportColumns).where('case_id', '=', caseId).orderBy('submitted_at').execute()
}

/** A finder's own reports with their case status, newest first. */
export async function listReportsOfFinder(db: DB, userId: string) {
  return db.selectFrom('reports').innerJoin('cases', 'cases.id', 'reports.case_id')
    .select([...reportColumns, 'cases.status', 'cases.accepted_at', 'cases.start_date'])
    .where('reports.finder_user_id', '=', userId).orderBy('reports.submitted_at', 'desc').execute()
}

export async function listAttachments(db: DB, reportId: string) {
  return db.selectFrom('attachments').select(['id', 'report_id', 'filename', 'content_type', 'size', 'sha256', 'created_at'])
    .where('report_id', '=', reportId).orderBy('created_at').orderBy('filename').orderBy('id').execute()
}

export async function loadAttachment(db: DB, id: string) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>
export const detailsOf = (r: { details: unknown }) => r.details as ReportDetails
