import type { DB } from '../platform/db/database.js'
import type { PartyStatus, VulnerabilityStatus } from '../platform/db/schema.js'
import type { VendorFilter } from './coordination-requests.schemas.js'

export const MATRIX_PAGE_SIZE = 50

export type VendorRow = {
  partyId: string
  organizationId: string
  name: { ja: string; en: string }
  status: PartyStatus
  notifiedAt: Date | null
  response: 'vulnerable' | 'not_vulnerable' | null
  /** The latest of notification, contact attempt, reminder and thread message. */
  lastContactAt: Date | null
  hasStatement: boolean
  hasContact: boolean
  /** vulnerability id → this organisation's status for it. */
  statuses: Record<string, VulnerabilityStatus>
}

const latest = (...ds: (Date | string | null | undefined)[]): Date | null => {
  const times = ds.filter((d): d is Date | string => Boolean(d)).map((d) => new Date(d))
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null
}

/** Which filters a vendor row falls under (besides 'all'). */
export function vendorFilters(row: VendorRow): Set<VendorFilter> {
  const s = new Set<VendorFilter>(['all'])
  const values = Object.values(row.statuses)
  if (!row.notifiedAt) s.add('not_notified')
  else if (!row.response) s.add('no_answer')
  if (values.includes('affected')) s.add('affected')
  else if (values.includes('fixed')) s.add('fixed')
  return s
}

/**
 * One row per organisation of the case with its status per vulnerability, notification date, last
 * contact and whether it has a statement — a fixed number of queries however many vendors there
 * are — plus counts per filter, then one page of the filtered rows.
 */
export async function loadVendorMatrix(db: DB, caseId: string, opts: { filter: VendorFilter; page: number; pageSize?: number }) {
  const pageSize = opts.pageSize ?? MATRIX_PAGE_SIZE
  const vulnerabilities = await db.selectFrom('vulnerabilities').select(['id', 'position', 'title_ja', 'title_en', 'cve_id'])
    .where('case_id', '=', caseId).orderBy('position').execute()
  const parties = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select((eb) => [
      'case_parties.id', 'case_parties.organization_id', 'case_parties.status', 'case_parties.notified_at', 'case_parties.response',
      'case_parties.statement_ja', 'case_parties.statement_en', 'organizations.name_ja', 'organizations.name_en',
      eb.selectFrom('organization_contacts').select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('organization_contacts.organization_id', '=', 'case_parties.organization_id').as('contacts'),
      eb.selectFrom('contact_attempts').select((e) => e.fn.max('contact_attempts.attempted_at').as('t'))
        .whereRef('contact_attempts.party_id', '=', 'case_parties.id').as('last_attempt_at'),
      eb.selectFrom('party_reminders').select((e) => e.fn.max('party_reminders.sent_at').as('t'))
        .whereRef('party_reminders.party_id', '=', 'case_parties.id').as('last_reminder_at'),
      eb.selectFrom('messages').select((e) => e.fn.max('messages.created_at').as('t'))
        .whereRef('messages.party_id', '=', 'case_parties.id').as('last_message_at'),
    ])
    .where('case_parties.case_id', '=', caseId).orderBy('organizations.name_ja').orderBy('case_parties.id').execute()
  const statuses = await db.selectFrom('party_vulnerability_statuses').innerJoin('case_parties', 'case_parties.id', 'party_vulnerability_statuses.party_id')
    .select(['party_vulnerability_statuses.party_id', 'party_vulnerability_statuses.vulnerability_id', 'party_vulnerability_statuses.status'])
    .where('case_parties.case_id', '=', caseId).execute()
  const byParty = new Map<string, Record<string, VulnerabilityStatus>>()
  for (const s of statuses) (byParty.get(s.party_id) ?? byParty.set(s.party_id, {}).get(s.party_id)!)[s.vulnerability_id] = s.status

  const rows: VendorRow[] = parties.map((p) => ({
    partyId: p.id,
    organizationId: p.organization_id,
    name: { ja: p.name_ja, en: p.name_en },
    status: p.status,
    notifiedAt: p.notified_at,
    response: p.response,
    lastContactAt: latest(p.notified_at, p.last_attempt_at as Date | null, p.last_reminder_at as Date | null, p.last_message_at as Date | null),
    hasStatement: Boolean(p.statement_ja?.trim() || p.statement_en?.trim()),
    hasContact: Number(p.contacts) > 0,
    statuses: byParty.get(p.id) ?? {},
  }))
  const tagged = rows.map((r) => ({ row: r, filters: vendorFilters(r) }))
  const counts = {
    all: rows.length,
    not_notified: tagged.filter((x) => x.filters.has('not_notified')).length,
    no_answer: tagged.filter((x) => x.filters.has('no_answer')).length,
    affected: tagged.filter((x) => x.filters.has('affected')).length,
    fixed: tagged.filter((x) => x.filters.has('fixed')).length,
    withStatement: rows.filter((r) => r.hasStatement).length,
    notifiableNow: rows.filter((r) => !r.notifiedAt && r.hasContact).length,
  }
  const filtered = tagged.filter((x) => x.filters.has(opts.filter)).map((x) => x.row)
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize))
  const page = Math.min(opts.page, pages)
  return {
    vulnerabilities, counts, filter: opts.filter, page, pages, total: filtered.length,
    rows: filtered.slice((page - 1) * pageSize, page * pageSize),
  }
}
export type VendorMatrix = Awaited<ReturnType<typeof loadVendorMatrix>>
