import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { newId } from '../platform/secrets.js'
import { assignIdentifier } from './identifiers.js'
import { reviseAdvisory, scheduleAdvisory, unscheduleAdvisory } from './advisories.usecases.js'
import { publishDueAdvisories } from './publication.usecases.js'
import { draftBody, jsonRequest, scheduleSeeded, seedProductCase, type SeededCase } from './test-factories.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const api = async (seed: SeededCase, method: string, path: string, body?: unknown) => {
  const res = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory${path}`, jsonRequest(method, body ?? {}, seed.coordinator.token))
  return { status: res.status, json: await res.json() as any }
}
const events = (caseId: string, type: string) =>
  t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute()
const caseStatus = async (caseId: string) =>
  (await t.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status

describe('drafting', () => {
  it('scores CVSS vectors and keeps search text NFKC-normalised and lower-cased', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const res = await api(seed, 'PUT', '', draftBody(seed, { affectedProducts: [{ developer: 'ＳＡＭＰＬＥ電機', product: 'ＷＲ－１０００', versions: '' }] }))
    expect(res.status).toBe(200)
    expect(res.json.vulnerabilities[0]).toMatchObject({ cvss31Score: 6.1, cvss40Score: 5.3, cveId: 'CVE-2026-10001' })
    expect(res.json.advisory.content.severity).toBe('medium')
    const row = await t.db.selectFrom('advisories').select('search_text').where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(row.search_text).toContain('sample電機')
    expect(row.search_text).toContain('wr-1000')
    expect(row.search_text).toContain('cve-2026-10001')
    expect(await events(seed.caseId, 'advisory_draft_saved')).toHaveLength(1)
  })

  it('refuses an invalid CVSS vector with advisories.invalid_cvss and invalid CVE/CWE ids', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const vuln = (o: Record<string, string>) => draftBody(seed, { vulnerabilities: [{ titleJa: 'x', titleEn: 'x', ...o }] })
    const bad = await api(seed, 'PUT', '', vuln({ cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y' }))
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('advisories.invalid_cvss')
    expect(bad.json.error.details.fields).toHaveProperty(['vulnerabilities.0.cvss40Vector'])
    expect((await api(seed, 'PUT', '', vuln({ cveId: 'CVE-26-1' }))).json.error.code).toBe('request.invalid')
    expect((await api(seed, 'PUT', '', vuln({ cweId: '79' }))).json.error.code).toBe('request.invalid')
    // Nothing was written by the refused saves.
    expect(await t.db.selectFrom('vulnerabilities').select('title_ja').where('case_id', '=', seed.caseId).execute()).toHaveLength(1)
  })

  it('credits only finders who consented, and refuses to credit one who did not', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const saved = await api(seed, 'PUT', '', draftBody(seed))
    expect(saved.json.advisory.content.credits).toEqual([{ reportId: seed.consentingReportId, name: 'Taro Yamada' }])
    const refused = await api(seed, 'PUT', '', draftBody(seed, { credits: [seed.privateReportId] }))
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('advisories.credit_without_consent')
    const row = await t.db.selectFrom('advisories').select('content').where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(JSON.stringify(row.content)).not.toContain('匿名希望')
    // Consent withdrawn after drafting: scheduling refreshes the credits and drops it.
    await t.db.updateTable('reports').set({ consent_credit: false }).where('id', '=', seed.consentingReportId).execute()
    const { advisoryId } = await scheduleAdvisory(t.deps, { caseId: seed.caseId, actor: { user: null, label: 'test' }, publishAt: new Date('2026-04-10T01:00:00Z') })
    const content = (await t.db.selectFrom('advisories').select('content').where('id', '=', advisoryId).executeTakeFirstOrThrow()).content as any
    expect(content.credits).toEqual([])
  })

  it('adds, reorders and removes vulnerabilities, but keeps one a developer has a status for', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const second = { titleJa: 'パストラバーサル', titleEn: 'Path traversal', cveId: 'CVE-2026-10002', cweId: 'CWE-22', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }
    const first = draftBody(seed).vulnerabilities[0]!
    const added = await api(seed, 'PUT', '', draftBody(seed, { vulnerabilities: [second, first] }))
    expect(added.json.vulnerabilities.map((v: any) => [v.position, v.cveId])).toEqual([[1, 'CVE-2026-10002'], [2, 'CVE-2026-10001']])
    expect((await api(seed, 'PUT', '', draftBody(seed, { vulnerabilities: [first, { ...second, cveId: first.cveId }] }))).status).toBe(400)
    await t.db.insertInto('party_vulnerability_statuses').values({ party_id: seed.partyId, vulnerability_id: seed.vulnerabilityId, status: 'fixed', updated_at: t.clock.now() }).execute()
    const removeUsed = await api(seed, 'PUT', '', draftBody(seed, { vulnerabilities: [second] }))
    expect(removeUsed.status).toBe(409)
    expect(removeUsed.json.error.code).toBe('advisories.vulnerability_in_use')
    const secondId = added.json.vulnerabilities[0].id
    const removed = await api(seed, 'PUT', '', draftBody(seed))
    expect(removed.json.vulnerabilities.map((v: any) => v.id)).toEqual([seed.vulnerabilityId])
    expect(removed.json.vulnerabilities.map((v: any) => v.id)).not.toContain(secondId)
    expect((await api(seed, 'PUT', '', draftBody(seed, { vulnerabilities: [{ ...first, id: newId() }] }))).json.error.code).toBe('advisories.unknown_vulnerability')
  })
})

describe('scheduling', () => {
  it('assigns JVN# to Partnership cases, moves the case and logs the event', async () => {
    const seed = await seedProductCase(t.db, t.clock.now(), { source: 'self_report' })
    await api(seed, 'PUT', '', draftBody(seed))
    const res = await api(seed, 'POST', '/schedule', { publishAt: '2026-04-20T10:00:00+09:00' })
    expect(res.status).toBe(200)
    expect(res.json.identifier).toMatch(/^JVN#\d{8}$/)
    expect(await caseStatus(seed.caseId)).toBe('publication_scheduled')
    const [e] = await events(seed.caseId, 'schedule_publication')
    expect(e).toMatchObject({ from_status: 'fix_in_progress', to_status: 'publication_scheduled', actor_user_id: seed.coordinator.id })
    expect(e!.data).toMatchObject({ publishAt: '2026-04-20T01:00:00.000Z', identifier: res.json.identifier })
  })

  it('needs a reason to move the date, and records old date, new date and reason', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const { identifier } = await scheduleSeeded(t.deps, seed, new Date('2026-04-20T01:00:00Z'))
    const noReason = await api(seed, 'POST', '/schedule', { publishAt: '2026-04-27T10:00:00+09:00' })
    expect(noReason.status).toBe(400)
    expect(noReason.json.error.code).toBe('advisories.reason_required')
    const moved = await api(seed, 'POST', '/schedule', { publishAt: '2026-04-27T10:00:00+09:00', reason: '開発者の修正版リリースが遅れたため' })
    expect(moved.status).toBe(200)
    expect(moved.json.identifier).toBe(identifier)
    const [e] = await events(seed.caseId, 'reschedule_publication')
    expect(e!.data).toMatchObject({ publishAt: '2026-04-27T01:00:00.000Z', previousPublishAt: '2026-04-20T01:00:00.000Z', reason: '開発者の修正版リリースが遅れたため' })
    expect(await caseStatus(seed.caseId)).toBe('publication_scheduled')
  })

  it('refuses a time in the past, an incomplete advisory and a case without a draft', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    expect((await api(seed, 'POST', '/schedule', { publishAt: '2026-04-20T10:00:00+09:00' })).json.error.code).toBe('advisories.not_found')
    await api(seed, 'PUT', '', draftBody(seed, { solution: { ja: '', en: '' }, affectedProducts: [] }))
    const incomplete = await api(seed, 'POST', '/schedule', { publishAt: '2026-04-20T10:00:00+09:00' })
    expect(incomplete.json.error.code).toBe('advisories.incomplete')
    expect(Object.keys(incomplete.json.error.details.fields)).toEqual(['solution.ja', 'solution.en', 'affectedProducts'])
    expect((await api(seed, 'POST', '/schedule', { publishAt: '2026-03-01T10:00:00+09:00' })).json.error.code).toBe('advisories.publish_at_past')
    expect(await caseStatus(seed.caseId)).toBe('fix_in_progress')
  })

  it('gives JVNVU# to overseas coordination and draws again on an identifier collision', async () => {
    const seed = await seedProductCase(t.db, t.clock.now(), { source: 'overseas' })
    const { identifier, advisoryId } = await scheduleSeeded(t.deps, seed, new Date('2026-04-20T01:00:00Z'))
    expect(identifier).toMatch(/^JVNVU#\d{8}$/)
    const other = await seedProductCase(t.db, t.clock.now(), { source: 'overseas' })
    const draws = [identifier.slice(-8), identifier.slice(-8), '00000042']
    const otherId = (await api(other, 'PUT', '', draftBody(other))).json.advisory.id
    const assigned = await t.db.transaction().execute((trx) => assignIdentifier(trx, otherId, 'overseas', () => draws.shift()!))
    expect(assigned).toBe('JVNVU#00000042')
    expect(advisoryId).not.toBe(otherId)
  })

  it('takes an advisory off the schedule with a reason', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    await scheduleSeeded(t.deps, seed, new Date('2026-04-20T01:00:00Z'))
    const actor = { user: null, label: 'test' }
    await expect(unscheduleAdvisory(t.deps, { caseId: seed.caseId, actor, reason: '' })).rejects.toMatchObject({ code: 'advisories.reason_required' })
    await unscheduleAdvisory(t.deps, { caseId: seed.caseId, actor, reason: '開発者の依頼' })
    expect(await caseStatus(seed.caseId)).toBe('fix_in_progress')
    const a = await t.db.selectFrom('advisories').selectAll().where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(a).toMatchObject({ status: 'draft', publish_at: null })
    expect(a.identifier).toMatch(/^JVN#/)
  })
})

describe('publication and revision', () => {
  it('publishes once even when two runners race, then allows only revisions', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const { identifier } = await scheduleSeeded(t.deps, seed, new Date('2026-04-02T01:00:00Z'))
    expect(await publishDueAdvisories(t.deps)).toBe(0)
    t.clock.set('2026-04-02T01:00:00Z')
    // Public from now on, although not yet recorded: editing or moving it is refused.
    expect((await api(seed, 'PUT', '', draftBody(seed))).json.error.code).toBe('advisories.already_public')
    expect((await api(seed, 'POST', '/schedule', { publishAt: '2026-05-01T10:00:00+09:00', reason: 'x' })).json.error.code).toBe('advisories.already_public')
    const counts = await Promise.all([publishDueAdvisories(t.deps), publishDueAdvisories(t.deps)])
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1)
    expect(await events(seed.caseId, 'publish')).toHaveLength(1)
    expect(await caseStatus(seed.caseId)).toBe('published')

    t.clock.set('2026-04-09T03:00:00Z')
    const revised = await api(seed, 'POST', '/revisions', { noteJa: 'ベンダ情報を更新しました', noteEn: 'Vendor information updated' })
    expect(revised.status).toBe(201)
    expect((await events(seed.caseId, 'revise_advisory'))[0]!.data).toMatchObject({ noteJa: 'ベンダ情報を更新しました' })
    const withText = await api(seed, 'POST', '/revisions', {
      noteJa: '対策方法を更新しました', noteEn: 'Solution updated',
      advisory: draftBody(seed, { solution: { ja: 'バージョン 1.2.4 に更新してください。', en: 'Update to version 1.2.4.' } }),
    })
    expect(withText.status).toBe(201)
    const detail = await (await t.app.request(`/advisories/${identifier.replace('#', '')}`)).text()
    expect(detail).toContain('バージョン 1.2.4 に更新してください。')
    expect(detail).toContain('2026/04/09')
    expect(detail).toContain('ベンダ情報を更新しました')
    expect(detail).toContain('最終更新日')
    const revisions = await t.db.selectFrom('advisory_revisions').selectAll().execute()
    expect(revisions.map((r) => r.note_en)).toEqual(['Vendor information updated', 'Solution updated'])
  })

  it('refuses to revise an advisory that is not published', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    await api(seed, 'PUT', '', draftBody(seed))
    await expect(reviseAdvisory(t.deps, { caseId: seed.caseId, actor: { user: null, label: 'test' }, note: { ja: 'x', en: 'x' } }))
      .rejects.toMatchObject({ status: 409 })
    expect((await api(seed, 'POST', '/revisions', { noteJa: '', noteEn: 'x' })).status).toBe(400)
  })
})
