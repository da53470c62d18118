import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser as createUserWithPassword, signInBrowser } from '../../test/support/clients.js'
import { bearer, createUser, draftBody, jsonRequest, seedProductCase, type SeededCase } from './test-factories.js'

let t: TestApp
let seed: SeededCase
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  seed = await seedProductCase(t.db, t.clock.now())
})
afterAll(async () => { await t.close() })

/** The editor form as a browser submits it: repeated names for rows. */
function formFields(overrides: Record<string, string | string[]> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    title_ja: 'WR-1000 における XSS', title_en: 'XSS in WR-1000',
    overview_ja: '概要です。', overview_en: 'Overview.', description_ja: '', description_en: '', impact_ja: '', impact_en: '', solution_ja: '', solution_en: '',
    v_id: [seed.vulnerabilityId, ''], v_title_ja: ['XSS', ''], v_title_en: ['XSS', ''], v_cve: ['CVE-2026-10001', ''], v_cwe: ['CWE-79', ''],
    v_cvss31: ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', ''], v_cvss40: ['', ''],
    p_developer: ['サンプル電機', ''], p_product: ['WR-1000', ''], p_versions: ['1.2.3 以前', ''], p_cpe: ['', ''],
    r_title: ['', ''], r_url: ['', ''],
    credits_shown: '1', credit: seed.consentingReportId,
    ...overrides,
  }
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item)
  return params
}

const postForm = (path: string, token: string, params: URLSearchParams) =>
  t.app.request(path, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' }, body: params })

describe('who may work on an advisory', () => {
  it('answers 404 to anyone but a coordinator, on pages and API alike', async () => {
    const nobody = await createUser(t.db)
    const intake = await createUser(t.db, { roles: ['intake'] })
    const developer = await createUser(t.db, { organizationId: seed.organizationId })
    for (const user of [nobody, intake, developer]) {
      const base = `/cases/${seed.caseId}/advisory`
      expect((await t.app.request(base, { headers: user.headers })).status).toBe(404)
      expect((await postForm(base, user.token, formFields())).status).toBe(404)
      expect((await postForm(`${base}/schedule`, user.token, new URLSearchParams({ publishAt: '2026-05-01T10:00' }))).status).toBe(404)
      expect((await postForm(`${base}/revise`, user.token, formFields({ noteJa: 'x', noteEn: 'x' }))).status).toBe(404)
      expect((await t.app.request(`/api/v1${base}`, { headers: user.headers })).status).toBe(404)
      expect((await t.app.request(`/api/v1${base}`, jsonRequest('PUT', draftBody(seed), user.token))).status).toBe(404)
      expect((await t.app.request(`/api/v1${base}/schedule`, jsonRequest('POST', { publishAt: '2026-05-01T10:00:00+09:00' }, user.token))).status).toBe(404)
      expect((await t.app.request(`/api/v1${base}/revisions`, jsonRequest('POST', { noteJa: 'x', noteEn: 'x' }, user.token))).status).toBe(404)
    }
    expect(await t.db.selectFrom('advisories').select('id').where('case_id', '=', seed.caseId).execute()).toEqual([])
  })

  it('answers a coordinator 404 for a case that does not exist', async () => {
    const res = await t.app.request('/cases/00000000-0000-4000-8000-000000000000/advisory', { headers: seed.coordinator.headers })
    expect(res.status).toBe(404)
  })

  it('sends people who are not signed in to the login page, and API clients a 401', async () => {
    const page = await t.app.request(`/cases/${seed.caseId}/advisory`)
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toContain('/login')
    expect((await t.app.request(`/api/v1/cases/${seed.caseId}/advisory`)).status).toBe(401)
  })
})

describe('the advisory editor', () => {
  it('shows every ja/en field, a vulnerability row plus a blank one, credits with consent and a CSRF field', async () => {
    const res = await t.app.request(`/cases/${seed.caseId}/advisory`, { headers: seed.coordinator.headers })
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const field of ['title', 'overview', 'description', 'impact', 'solution']) {
      expect(html).toContain(`name="${field}_ja"`)
      expect(html).toContain(`name="${field}_en"`)
    }
    expect(html.match(/name="v_title_ja"/g)).toHaveLength(2)
    expect(html).toContain('管理画面におけるクロスサイト・スクリプティング')
    expect(html).toContain('name="_csrf"')
    expect(html).toContain('Taro Yamada')
    expect(html).toContain('謝辞への掲載に同意')
    expect(html).toMatch(new RegExp(`value="${seed.privateReportId}"[^>]*disabled`))
    expect(html).toContain('name="p_developer_ja"')
    expect(html).toContain('name="p_developer_en"')
    expect(html).toContain('name="r_url"')
  })

  it('keeps what was typed and shows the error when a CVSS vector is invalid', async () => {
    const res = await postForm(`/cases/${seed.caseId}/advisory`, seed.coordinator.token,
      formFields({ v_cvss31: ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L', ''], title_ja: '入力したタイトル' }))
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('CVSS ベクターの形式が正しくありません')
    expect(html).toContain('value="入力したタイトル"')
    expect(html).toContain('value="CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L"')
    expect(html).toContain('value="サンプル電機"')
  })

  it('adds a blank row on request without saving', async () => {
    const res = await postForm(`/cases/${seed.caseId}/advisory`, seed.coordinator.token, formFields({ more: 'v' }))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/name="v_title_ja"/g)).toHaveLength(3)
    expect(await t.db.selectFrom('advisories').select('id').where('case_id', '=', seed.caseId).execute()).toEqual([])
  })

  it('saves the draft from the form and shows it again', async () => {
    const res = await postForm(`/cases/${seed.caseId}/advisory`, seed.coordinator.token, formFields())
    expect(res.status).toBe(303)
    const html = await (await t.app.request(res.headers.get('location')!, { headers: seed.coordinator.headers })).text()
    expect(html).toContain('下書きを保存しました。')
    expect(html).toContain('value="WR-1000 における XSS"')
    expect(html).toContain('6.1') // the preview shows the computed score
    const v = await t.db.selectFrom('vulnerabilities').selectAll().where('case_id', '=', seed.caseId).execute()
    expect(v).toHaveLength(1)
    expect(v[0]).toMatchObject({ cvss31_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', cvss31_score: '6.1' })
  })

  it('refuses a forged credit for a finder who did not consent', async () => {
    const res = await postForm(`/cases/${seed.caseId}/advisory`, seed.coordinator.token, formFields({ credit: [seed.consentingReportId, seed.privateReportId] }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('謝辞への掲載に同意していない届出者は掲載できません。')
  })

  it('schedules with a Japan-time date and time from the form', async () => {
    const res = await postForm(`/cases/${seed.caseId}/advisory/schedule`, seed.coordinator.token, new URLSearchParams({ publishAt: '2026-05-01T10:00' }))
    expect(res.status).toBe(400) // the draft from the form lacks description, impact and solution
    expect(await res.text()).toContain('公表に必要な項目が不足しています。')
    const put = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory`, jsonRequest('PUT', draftBody(seed), seed.coordinator.token))
    expect(put.status).toBe(200)
    const ok = await postForm(`/cases/${seed.caseId}/advisory/schedule`, seed.coordinator.token, new URLSearchParams({ publishAt: '2026-05-01T10:00' }))
    expect(ok.status).toBe(303)
    const a = await t.db.selectFrom('advisories').selectAll().where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(a.publish_at).toEqual(new Date('2026-05-01T01:00:00Z'))
    const page = await (await t.app.request(`/cases/${seed.caseId}/advisory`, { headers: seed.coordinator.headers })).text()
    expect(page).toContain('value="2026-05-01T10:00"')
    expect(page).toContain('公表日時を変更')
  })

  it('refuses to move the date without a reason, on the form and in the API', async () => {
    const form = await postForm(`/cases/${seed.caseId}/advisory/schedule`, seed.coordinator.token, new URLSearchParams({ publishAt: '2026-05-08T10:00', reason: ' ' }))
    expect(form.status).toBe(400)
    expect(await form.text()).toContain('公表日時を変更する理由を入力してください。')
    const api = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory/schedule`, jsonRequest('POST', { publishAt: '2026-05-08T10:00:00+09:00' }, seed.coordinator.token))
    expect(api.status).toBe(400)
    expect(await api.json()).toMatchObject({ error: { code: 'advisories.reason_required' } })
  })

  it('signed-in coordinators post the form with the CSRF token, and without it are refused', async () => {
    const user = await createUserWithPassword(t, { roles: ['coordinator'], name: 'Browser coordinator' })
    const browser = browserClient(t)
    const login = await signInBrowser(t, browser, user)
    expect(login.status).toBe(303)
    expect((await browser.get(`/cases/${seed.caseId}/advisory`)).status).toBe(200)
    const fields = Object.fromEntries([...new Set(formFields().keys())].map((k) => [k, formFields().getAll(k)]))
    expect((await browser.post(`/cases/${seed.caseId}/advisory`, fields, { csrf: null })).status).toBe(403)
    expect((await browser.post(`/cases/${seed.caseId}/advisory`, fields)).status).toBe(303)
  })
})
