import type { DB } from '../platform/db/database.js'
import { WEBSITE_CASE_STATUSES } from '../cases/website-case.transitions.js'

export type WebsiteCaseFilter = { status?: string; vulnerabilityType?: string }

/** Website cases for intake staff: newest activity first, with receipt, operator and dates. */
export async function listWebsiteCases(db: DB, filter: WebsiteCaseFilter = {}) {
  let q = db.selectFrom('cases')
    .leftJoin('case_parties', (j) => j.onRef('case_parties.case_id', '=', 'cases.id').on('case_parties.notified_at', 'is not', null))
    .leftJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select((eb) => [
      'cases.id', 'cases.title', 'cases.status', 'cases.vulnerability_type', 'cases.impact', 'cases.start_date', 'cases.fix_type',
      'cases.fixed_on', 'cases.updated_at', 'organizations.name_ja as operator_ja', 'organizations.name_en as operator_en', 'organizations.org_type',
      eb.selectFrom('reports').select('receipt_number').whereRef('reports.case_id', '=', 'cases.id').orderBy('submitted_at').limit(1).as('receipt_number'),
    ])
    .where('cases.kind', '=', 'website')
  if (filter.status && (WEBSITE_CASE_STATUSES as readonly string[]).includes(filter.status)) q = q.where('cases.status', '=', filter.status)
  if (filter.vulnerabilityType) q = q.where('cases.vulnerability_type', '=', filter.vulnerabilityType)
  return q.orderBy('cases.updated_at', 'desc').limit(500).execute()
}
export type WebsiteCaseRow = Awaited<ReturnType<typeof listWebsiteCases>>[number]

/** Website operator organisations with their contacts' count. */
export async function listOperators(db: DB) {
  return db.selectFrom('organizations').select((eb) => [
    'organizations.id', 'organizations.name_ja', 'organizations.name_en', 'organizations.org_type', 'organizations.website',
    eb.selectFrom('organization_contacts').select((e) => e.fn.countAll<number>().as('n')).whereRef('organization_contacts.organization_id', '=', 'organizations.id').as('contacts'),
  ]).where('kind', '=', 'operator').orderBy('name_ja').execute()
}
