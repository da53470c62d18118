import type { DB } from '../platform/db/database.js'
import type { Role } from '../platform/db/schema.js'
import { hashSecret, newId, newSecret, randomDigits } from '../platform/secrets.js'
import { createApiToken } from '../accounts/index.js'
import { parseWith } from '../platform/http/validate.js'
import type { CaseSource } from './identifiers.js'
import { advisoryDraftSchema } from './advisories.schemas.js'
import { saveAdvisoryDraft, scheduleAdvisory, type AdvisoryDeps } from './advisories.usecases.js'

/**
 * Test data for the advisory and portal tests, inserted directly: a coordinator, a product case
 * in fix_in_progress with one vulnerability, a notified developer party with a statement, and
 * finders with and without consent to be credited.
 */

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export async function createUser(db: DB, opts: { roles?: Role[]; organizationId?: string | null; name?: string } = {}) {
  const id = newId()
  await db.insertInto('users').values({
    id, email: `user-${id.slice(0, 8)}@example.test`, display_name: opts.name ?? 'Test user', password_hash: null,
    roles: opts.roles ?? [], organization_id: opts.organizationId ?? null,
  }).execute()
  const { token } = await createApiToken(db, id, 'test')
  return { id, token, headers: bearer(token) }
}
export type TestUser = Awaited<ReturnType<typeof createUser>>

export async function createOrganization(db: DB, names: { ja: string; en: string }) {
  const id = newId()
  await db.insertInto('organizations').values({ id, kind: 'developer', name_ja: names.ja, name_en: names.en, website: null, pgp_public_key: null }).execute()
  return id
}

export async function addReport(db: DB, caseId: string, f: { name: string; consentCredit: boolean; creditName?: string | null; at: Date }) {
  const id = newId()
  await db.insertInto('reports').values({
    id, case_id: caseId, receipt_number: `R-${randomDigits(10)}`, kind: 'product', finder_user_id: null,
    tracking_token_hash: hashSecret(newSecret()), finder_name: f.name, finder_email: null, finder_organization: null,
    consent_share_identity: true, consent_credit: f.consentCredit, credit_name: f.creditName ?? null, locale: 'ja',
    details: JSON.stringify({}), submitted_at: f.at,
  }).execute()
  return id
}

export type SeededCase = Awaited<ReturnType<typeof seedProductCase>>

/** A product case ready for its advisory, with everything around it. */
export async function seedProductCase(db: DB, now: Date, opts: {
  status?: string; source?: CaseSource; developer?: { ja: string; en: string }; statement?: { ja: string; en: string }
  vulnerability?: { titleJa: string; titleEn: string; cveId?: string | null; cweId?: string | null }
} = {}) {
  const caseId = newId()
  await db.insertInto('cases').values({
    id: caseId, kind: 'product', status: opts.status ?? 'fix_in_progress', source: opts.source ?? 'finder', title: 'サンプルルータの脆弱性',
    accepted_at: now, start_date: '2026-03-01', created_at: now, updated_at: now,
  }).execute()
  const organizationId = await createOrganization(db, opts.developer ?? { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' })
  const partyId = newId()
  const statement = opts.statement ?? { ja: '修正版を公開しました。', en: 'A fixed version is available.' }
  await db.insertInto('case_parties').values({
    id: partyId, case_id: caseId, organization_id: organizationId, status: 'responded', notified_at: now, response: 'vulnerable',
    statement_ja: statement.ja, statement_en: statement.en, fix_plan: null, proposed_publication_date: null,
  }).execute()
  const vulnerabilityId = newId()
  const v = opts.vulnerability ?? { titleJa: '管理画面におけるクロスサイト・スクリプティング', titleEn: 'Cross-site scripting in the admin page', cveId: 'CVE-2026-10001', cweId: 'CWE-79' }
  await db.insertInto('vulnerabilities').values({
    id: vulnerabilityId, case_id: caseId, position: 1, title_ja: v.titleJa, title_en: v.titleEn, cve_id: v.cveId ?? null, cwe_id: v.cweId ?? null,
    cvss31_vector: null, cvss31_score: null, cvss40_vector: null, cvss40_score: null,
  }).execute()
  const consentingReportId = await addReport(db, caseId, { name: '山田 太郎', creditName: 'Taro Yamada', consentCredit: true, at: now })
  const privateReportId = await addReport(db, caseId, { name: '匿名希望の発見者', consentCredit: false, at: now })
  const coordinator = await createUser(db, { roles: ['coordinator'], name: 'Coordinator' })
  return { caseId, organizationId, partyId, vulnerabilityId, consentingReportId, privateReportId, coordinator }
}

/** A complete advisory as the API takes it; the vulnerability keeps the seeded row's id. */
export function draftBody(seed: Pick<SeededCase, 'vulnerabilityId'>, overrides: Record<string, unknown> = {}) {
  return {
    title: { ja: 'サンプルルータ WR-1000 におけるクロスサイト・スクリプティングの脆弱性', en: 'Sample Router WR-1000 vulnerable to cross-site scripting' },
    overview: { ja: 'サンプル電機株式会社が提供するサンプルルータ WR-1000 には、クロスサイト・スクリプティングの脆弱性が存在します。', en: 'Sample Router WR-1000 provided by Sample Electric contains a cross-site scripting vulnerability.' },
    description: { ja: '管理画面の設定ページに不備があります。', en: 'The settings page of the admin interface does not escape input.' },
    impact: { ja: '管理者のブラウザ上で任意のスクリプトが実行される可能性があります。', en: 'An arbitrary script may be executed in the administrator’s browser.' },
    solution: { ja: 'ファームウェアを最新版にアップデートしてください。', en: 'Update the firmware to the latest version.' },
    affectedProducts: [{
      developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: 'WR-1000', en: 'WR-1000' },
      versions: { ja: '1.0.0 から 1.2.3 まで', en: '1.0.0 to 1.2.3' }, cpe: 'cpe:/h:sample:wr-1000',
    }],
    references: [{ title: 'Sample Electric security notice', url: 'https://sample.example/security/2026-001' }],
    vulnerabilities: [{
      id: seed.vulnerabilityId, title: { ja: '管理画面におけるクロスサイト・スクリプティング', en: 'Cross-site scripting in the admin page' },
      cveId: 'CVE-2026-10001', cweId: 'CWE-79',
      cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N',
    }],
    ...overrides,
  }
}

/** Sends JSON with a bearer token. */
export function jsonRequest(method: string, body: unknown, token: string): RequestInit {
  return { method, headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) }
}

/** Saves `draft` as the case's advisory and schedules it for `publishAt`, through the use cases. */
export async function scheduleSeeded(deps: AdvisoryDeps, seed: SeededCase, publishAt: Date, draft: Record<string, unknown> = draftBody(seed)) {
  const actor = { user: null, label: 'test coordinator' }
  await saveAdvisoryDraft(deps, { caseId: seed.caseId, actor, draft: parseWith(advisoryDraftSchema, draft) })
  return scheduleAdvisory(deps, { caseId: seed.caseId, actor, publishAt })
}
