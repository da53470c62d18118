import type { DB } from '../platform/db/database.js'
import type { AdvisorySource } from '../platform/db/schema.js'
import { readContent, type AdvisoryContent, type AdvisoryVulnerability, type SearchColumns } from './advisory-content.js'
import { severityOf } from './cvss.js'

export type AdvisoryStatus = 'draft' | 'scheduled' | 'published'

export type AdvisoryRecord = {
  id: string
  /** Null for an entry imported from outside (JVN iPedia, a CVE record, a CSAF document): it has no case. */
  caseId: string | null
  identifier: string | null
  /** `JVNDB-YYYY-NNNNNN`, from scheduling on. */
  jvndbId: string | null
  status: AdvisoryStatus
  publishAt: Date | null
  publishedAt: Date | null
  content: AdvisoryContent
  createdAt: Date
  updatedAt: Date
  /** 'keikai' for the programme's own advisories; otherwise where the imported entry came from. */
  source: AdvisorySource
  /** The identifiers the source gave the entry (JVNDB, JVN#, CVE, CSAF tracking id), kept as imported. */
  sourceIds: Array<{ kind: string; id: string }>
}

type AdvisoryRow = {
  id: string; case_id: string | null; identifier: string | null; jvndb_id: string | null; status: AdvisoryStatus; publish_at: Date | null
  published_at: Date | null; content: unknown; created_at: Date; updated_at: Date; source?: AdvisorySource; source_ids?: unknown
}

export const toAdvisoryRecord = (r: AdvisoryRow): AdvisoryRecord => ({
  id: r.id,
  caseId: r.case_id,
  identifier: r.identifier,
  jvndbId: r.jvndb_id,
  status: r.status,
  publishAt: r.publish_at,
  publishedAt: r.published_at,
  content: readContent(r.content),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  source: r.source ?? 'keikai',
  sourceIds: Array.isArray(r.source_ids) ? (r.source_ids as Array<{ kind: string; id: string }>) : [],
})

const ADVISORY_COLUMNS = ['id', 'case_id', 'identifier', 'jvndb_id', 'status', 'publish_at', 'published_at', 'content', 'created_at', 'updated_at', 'source', 'source_ids'] as const

/** The advisory of a case; `lock` holds the row for the rest of the transaction. */
export async function findAdvisoryByCase(db: DB, caseId: string, opts: { lock?: boolean } = {}): Promise<AdvisoryRecord | null> {
  let q = db.selectFrom('advisories').select(ADVISORY_COLUMNS).where('case_id', '=', caseId)
  if (opts.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? toAdvisoryRecord(row) : null
}

export async function insertAdvisory(trx: DB, a: { id: string; caseId: string; content: AdvisoryContent; search: SearchColumns; now: Date }) {
  await trx.insertInto('advisories').values({
    id: a.id, case_id: a.caseId, status: 'draft', content: JSON.stringify(a.content), ...a.search,
    created_at: a.now, updated_at: a.now,
  }).execute()
}

export async function updateAdvisory(trx: DB, id: string, changes: {
  now: Date; content?: AdvisoryContent; search?: SearchColumns; status?: AdvisoryStatus; publishAt?: Date | null; publishedAt?: Date | null
}) {
  await trx.updateTable('advisories').set({
    updated_at: changes.now,
    ...(changes.content && { content: JSON.stringify(changes.content) }),
    ...changes.search,
    ...(changes.status && { status: changes.status }),
    ...(changes.publishAt !== undefined && { publish_at: changes.publishAt }),
    ...(changes.publishedAt !== undefined && { published_at: changes.publishedAt }),
  }).where('id', '=', id).execute()
}

// ---- vulnerabilities of the case ----

export type CaseVulnerability = {
  id: string; position: number; titleJa: string; titleEn: string; cveId: string | null; cweId: string | null
  cvss31Vector: string | null; cvss31Score: number | null; cvss40Vector: string | null; cvss40Score: number | null
}

export async function listCaseVulnerabilities(db: DB, caseId: string): Promise<CaseVulnerability[]> {
  const rows = await db.selectFrom('vulnerabilities').selectAll().where('case_id', '=', caseId).orderBy('position').execute()
  return rows.map((r) => ({
    id: r.id, position: r.position, titleJa: r.title_ja, titleEn: r.title_en, cveId: r.cve_id, cweId: r.cwe_id,
    cvss31Vector: r.cvss31_vector, cvss31Score: r.cvss31_score === null ? null : Number(r.cvss31_score),
    cvss40Vector: r.cvss40_vector, cvss40Score: r.cvss40_score === null ? null : Number(r.cvss40_score),
  }))
}

/** How the public sees a vulnerability: no internal ids, severity beside each score. */
export const snapshotVulnerability = (v: CaseVulnerability): AdvisoryVulnerability => ({
  title: { ja: v.titleJa, en: v.titleEn },
  cveId: v.cveId,
  cweId: v.cweId,
  cvss31: v.cvss31Vector && v.cvss31Score !== null ? { vector: v.cvss31Vector, score: v.cvss31Score, severity: severityOf(v.cvss31Score) } : null,
  cvss40: v.cvss40Vector && v.cvss40Score !== null ? { vector: v.cvss40Vector, score: v.cvss40Score, severity: severityOf(v.cvss40Score) } : null,
})

export async function countPartyStatuses(trx: DB, vulnerabilityIds: string[]): Promise<number> {
  if (vulnerabilityIds.length === 0) return 0
  const row = await trx.selectFrom('party_vulnerability_statuses').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vulnerability_id', 'in', vulnerabilityIds).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function deleteVulnerabilities(trx: DB, ids: string[]) {
  if (ids.length) await trx.deleteFrom('vulnerabilities').where('id', 'in', ids).execute()
}

/** Moves every position out of the way, so renumbering never trips unique (case_id, position). */
export async function parkVulnerabilityPositions(trx: DB, caseId: string) {
  await trx.updateTable('vulnerabilities').set((eb) => ({ position: eb(eb.neg('position'), '-', 1) })).where('case_id', '=', caseId).execute()
}

type VulnerabilityValues = Omit<CaseVulnerability, 'id'>
const vulnerabilityColumns = (v: VulnerabilityValues) => ({
  position: v.position, title_ja: v.titleJa, title_en: v.titleEn, cve_id: v.cveId, cwe_id: v.cweId,
  cvss31_vector: v.cvss31Vector, cvss31_score: v.cvss31Score, cvss40_vector: v.cvss40Vector, cvss40_score: v.cvss40Score,
})

export async function updateVulnerability(trx: DB, id: string, v: VulnerabilityValues) {
  await trx.updateTable('vulnerabilities').set(vulnerabilityColumns(v)).where('id', '=', id).execute()
}

export async function insertVulnerability(trx: DB, caseId: string, id: string, v: VulnerabilityValues) {
  await trx.insertInto('vulnerabilities').values({ id, case_id: caseId, ...vulnerabilityColumns(v) }).execute()
}

// ---- what the advisory quotes from the case ----

/** Statements written by the case's developer organisations, for the ベンダ情報 section. */
export async function listVendorStatements(db: DB, caseId: string): Promise<AdvisoryContent['vendorStatements']> {
  const rows = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['case_parties.id', 'organizations.name_ja', 'organizations.name_en', 'case_parties.statement_ja', 'case_parties.statement_en'])
    .where('case_parties.case_id', '=', caseId)
    .where((eb) => eb.or([eb('case_parties.notified_at', 'is not', null), eb('case_parties.statement_ja', 'is not', null), eb('case_parties.statement_en', 'is not', null)]))
    .orderBy('organizations.name_en').execute()
  const statuses = rows.length
    ? await db.selectFrom('party_vulnerability_statuses').innerJoin('vulnerabilities', 'vulnerabilities.id', 'party_vulnerability_statuses.vulnerability_id')
      .select(['party_vulnerability_statuses.party_id', 'party_vulnerability_statuses.status', 'vulnerabilities.position', 'vulnerabilities.cve_id'])
      .where('party_vulnerability_statuses.party_id', 'in', rows.map((r) => r.id)).orderBy('vulnerabilities.position').execute()
    : []
  return rows.map((r) => ({
    developer: { ja: r.name_ja, en: r.name_en },
    statement: { ja: r.statement_ja ?? '', en: r.statement_en ?? '' },
    statuses: statuses.filter((x) => x.party_id === r.id).map((x) => ({ position: x.position, cveId: x.cve_id, status: x.status })),
  }))
}

export type Finder = { reportId: string; receiptNumber: string; name: string; consentCredit: boolean }

/** The case's finders, with the name they asked to be credited under and whether they consented. */
export async function listFinders(db: DB, caseId: string): Promise<Finder[]> {
  const rows = await db.selectFrom('reports').select(['id', 'receipt_number', 'finder_name', 'credit_name', 'consent_credit'])
    .where('case_id', '=', caseId).orderBy('submitted_at').execute()
  return rows.map((r) => ({
    reportId: r.id, receiptNumber: r.receipt_number, name: r.credit_name?.trim() || r.finder_name, consentCredit: r.consent_credit,
  }))
}

// ---- revisions and the publication queue ----

export type AdvisoryRevision = { id: string; revisedAt: Date; note: { ja: string; en: string } }

export async function listRevisions(db: DB, advisoryId: string): Promise<AdvisoryRevision[]> {
  const rows = await db.selectFrom('advisory_revisions').selectAll().where('advisory_id', '=', advisoryId).orderBy('revised_at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, revisedAt: r.revised_at, note: { ja: r.note_ja, en: r.note_en } }))
}

export async function insertRevision(trx: DB, r: { id: string; advisoryId: string; at: Date; noteJa: string; noteEn: string }) {
  await trx.insertInto('advisory_revisions').values({ id: r.id, advisory_id: r.advisoryId, revised_at: r.at, note_ja: r.noteJa, note_en: r.noteEn }).execute()
}

/** Scheduled advisories whose time has come, oldest first: the worker's queue. */
export async function findDueAdvisories(db: DB, now: Date, limit: number): Promise<Array<{ id: string; caseId: string }>> {
  // Imported entries arrive published; only the programme's own advisories are ever scheduled.
  const rows = await db.selectFrom('advisories').select(['id', 'case_id'])
    .where('status', '=', 'scheduled').where('publish_at', '<=', now).where('case_id', 'is not', null).orderBy('publish_at').limit(limit).execute()
  return rows.flatMap((r) => (r.case_id ? [{ id: r.id, caseId: r.case_id }] : []))
}
