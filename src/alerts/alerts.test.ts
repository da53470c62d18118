import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, type TestUser } from '../../test/support/clients.js'
import { assertWellFormedXml } from '../portal/xml-check.js'
import { alertBody, draftAlert, publicDetailSurfaces, publicGet, publicListSurfaces, publishedAlert } from './alerts.test-support.js'

let t: TestApp
let intake: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
})
afterAll(async () => { await t.close() })

const alertCount = async () => Number((await t.db.selectFrom('alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('an alert from draft to revision', () => {
  const title = { ja: '注意喚起・下書きの段階', en: 'Alert at the draft stage' }
  let alertId: string
  let slug: string

  it('drafts an alert that no public page, feed, API or sitemap shows', async () => {
    const created = await intake.api.post('/api/v1/staff/alerts', alertBody({ title }))
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ status: 'draft', identifier: null, publishedAt: null, publicUrl: null, title, vulnerabilityType: 'xss' })
    alertId = created.json.id
    for (const path of publicListSurfaces) {
      const res = await publicGet(t, path)
      expect(res.status, path).toBe(200)
      expect(res.text, path).not.toContain(title.ja)
      expect(res.text, path).not.toContain(title.en)
      expect(res.text, path).not.toContain(alertId)
    }
    // Not by its id, nor by the identifier it will get.
    for (const path of [...publicDetailSurfaces('KKA-2026-0001'), ...publicDetailSurfaces(alertId)]) {
      expect((await publicGet(t, path)).status, path).toBe(404)
    }
    const staffList = await intake.api.get('/api/v1/staff/alerts')
    expect(staffList.json.items).toEqual([expect.objectContaining({ id: alertId, status: 'draft', coveredCases: 0 })])
  })

  it('edits the draft', async () => {
    const edited = await intake.api.put(`/api/v1/staff/alerts/${alertId}`, alertBody({ title: { ja: 'XSS に関する注意喚起', en: 'Alert on XSS' } }))
    expect(edited.status).toBe(200)
    expect(edited.json.title).toEqual({ ja: 'XSS に関する注意喚起', en: 'Alert on XSS' })
  })

  it('publishes it at this very second as KKA-2026-0001, on every public surface at once', async () => {
    t.clock.set('2026-04-10T03:00:00Z')
    const published = await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`)
    expect(published.status).toBe(200)
    expect(published.json).toEqual({ identifier: 'KKA-2026-0001', publishedAt: '2026-04-10T03:00:00.000Z', publicUrl: 'http://keikai.test/alerts/KKA-2026-0001' })
    slug = published.json.identifier
    for (const path of publicListSurfaces) {
      const res = await publicGet(t, path)
      expect(res.text, path).toContain(path === '/sitemaps/pages.xml' ? '/alerts/KKA-2026-0001' : 'KKA-2026-0001')
    }
    expect((await publicGet(t, '/alerts')).text).toContain('XSS に関する注意喚起')
    expect((await publicGet(t, '/alerts?lang=en')).text).toContain('Alert on XSS')
    const page = await publicGet(t, `/alerts/${slug}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('出力時のエスケープを確認し')
    expect(page.text).toContain('2026/04/10')
    expect(page.text).toContain('https://www.ipa.go.jp/security/vuln/websecurity/')
    expect((await publicGet(t, `/alerts/${slug}?lang=en`)).text).toContain('Check that output is escaped')
    const api = await publicGet(t, `/api/v1/alerts/${slug}`)
    expect(api.json).toEqual({
      identifier: 'KKA-2026-0001', url: 'http://keikai.test/alerts/KKA-2026-0001',
      publishedAt: '2026-04-10T03:00:00.000Z', modifiedAt: '2026-04-10T03:00:00.000Z',
      title: { ja: 'XSS に関する注意喚起', en: 'Alert on XSS' },
      vulnerabilityType: { key: 'xss', label: { ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' } },
      body: alertBody().body, references: alertBody().references, revisions: [],
    })
    const rss = (await publicGet(t, '/rss/alerts.rdf')).text
    assertWellFormedXml(rss)
    expect(rss).toContain('<dcterms:issued>2026-04-10T12:00:00+09:00</dcterms:issued>')
    // Visibility is a rule on the publication time, not a flag: a moment earlier it does not exist.
    t.clock.set('2026-04-10T02:59:59.999Z')
    expect((await publicGet(t, `/alerts/${slug}`)).status).toBe(404)
    expect((await publicGet(t, '/api/v1/alerts')).json.items).toEqual([])
    t.clock.set('2026-04-10T03:00:00Z')
  })

  it('is never published twice nor edited in place once public', async () => {
    const again = await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`)
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('alerts.already_published')
    const edit = await intake.api.put(`/api/v1/staff/alerts/${alertId}`, alertBody({ title: { ja: '書き換え', en: 'Rewritten' } }))
    expect(edit.status).toBe(409)
    expect(edit.json.error.code).toBe('alerts.already_published')
    expect((await publicGet(t, `/alerts/${slug}`)).text).not.toContain('書き換え')
  })

  it('revises it with a dated note that the public history shows', async () => {
    t.clock.set('2026-05-01T02:00:00Z')
    const revised = await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, {
      note: { ja: '対策の説明を追記しました', en: 'Added advice on fixing' },
      alert: alertBody({ title: { ja: 'XSS に関する注意喚起', en: 'Alert on XSS' }, body: { ja: '追記された本文です。', en: 'The body, with advice added.' } }),
    })
    expect(revised.status).toBe(201)
    const page = (await publicGet(t, `/alerts/${slug}`)).text
    expect(page).toContain('追記された本文です。')
    expect(page).toContain('対策の説明を追記しました')
    expect(page).toContain('2026/05/01')
    const api = (await publicGet(t, `/api/v1/alerts/${slug}`)).json
    expect(api.modifiedAt).toBe('2026-05-01T02:00:00.000Z')
    expect(api.publishedAt).toBe('2026-04-10T03:00:00.000Z')
    expect(api.revisions).toEqual([{ revisedAt: '2026-05-01T02:00:00.000Z', note: { ja: '対策の説明を追記しました', en: 'Added advice on fixing' } }])
    expect((await publicGet(t, '/rss/alerts.rdf')).text).toContain('<dcterms:modified>2026-05-01T11:00:00+09:00</dcterms:modified>')
    // A note alone is a revision too (e.g. a reference checked again).
    const noteOnly = await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, { note: { ja: '確認しました', en: 'Checked' } })
    expect(noteOnly.status).toBe(201)
    expect((await publicGet(t, `/alerts/${slug}`)).text).toContain('追記された本文です。')
  })

  it('numbers alerts in sequence per Japan year', async () => {
    t.clock.set('2026-12-31T14:00:00Z') // 23:00 on 31 December in Japan
    expect((await publishedAlert(intake)).identifier).toBe('KKA-2026-0002')
    t.clock.set('2026-12-31T15:30:00Z') // already 1 January 2027 in Japan
    expect((await publishedAlert(intake)).identifier).toBe('KKA-2027-0001')
    const list = (await publicGet(t, '/api/v1/alerts')).json.items.map((a: { identifier: string }) => a.identifier)
    expect(list).toEqual(['KKA-2027-0001', 'KKA-2026-0002', 'KKA-2026-0001'])
  })
})

describe('bad input and the wrong state', () => {
  it('answers 400 with a stable code and writes nothing', async () => {
    const before = await alertCount()
    const bad = [
      alertBody({ title: { ja: 'タイトルだけ', en: '' } }),
      alertBody({ vulnerabilityType: 'not_a_type' }),
      alertBody({ references: [{ title: 'x', url: 'javascript:alert(1)' }] }),
      alertBody({ title: { ja: 'x'.repeat(301), en: 'x' } }),
      { title: 'not localized' },
    ]
    for (const body of bad) {
      const res = await intake.api.post('/api/v1/staff/alerts', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.error.code).toBe('request.invalid')
    }
    const notJson = await t.app.request('/api/v1/staff/alerts', { method: 'POST', headers: { authorization: `Bearer ${intake.token}`, 'content-type': 'application/json' }, body: '{' })
    expect(notJson.status).toBe(400)
    expect(await alertCount()).toBe(before)
  })

  it('keeps a draft unchanged after a refused edit, and refuses to publish without both bodies', async () => {
    const alertId = await draftAlert(intake, { title: { ja: '未完成', en: 'Unfinished' }, body: { ja: '本文', en: '' } })
    const edit = await intake.api.put(`/api/v1/staff/alerts/${alertId}`, alertBody({ title: { ja: '', en: 'x' } }))
    expect(edit.status).toBe(400)
    expect((await intake.api.get(`/api/v1/staff/alerts/${alertId}`)).json.title).toEqual({ ja: '未完成', en: 'Unfinished' })
    const publish = await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`)
    expect(publish.status).toBe(409)
    expect(publish.json.error).toMatchObject({ code: 'alerts.incomplete', details: { fields: { 'body.en': 'This field is required.' } } })
    const revise = await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, { note: { ja: 'x', en: 'x' } })
    expect(revise.status).toBe(409)
    expect(revise.json.error.code).toBe('alerts.not_published')
    const after = await intake.api.get(`/api/v1/staff/alerts/${alertId}`)
    expect(after.json).toMatchObject({ status: 'draft', identifier: null, revisions: [] })
  })

  it('refuses a revision without its notes and records none', async () => {
    const { alertId } = await publishedAlert(intake)
    const res = await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, { note: { ja: '', en: 'x' }, alert: alertBody({ title: { ja: '変更', en: 'Changed' } }) })
    expect(res.status).toBe(400)
    const after = await intake.api.get(`/api/v1/staff/alerts/${alertId}`)
    expect(after.json.revisions).toEqual([])
    expect(after.json.title).toEqual(alertBody().title)
  })

  it('is intake staff work: others signed in get 404, the anonymous 401', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    expect((await coordinator.api.post('/api/v1/staff/alerts', alertBody())).status).toBe(404)
    expect((await coordinator.api.get('/api/v1/staff/alerts')).status).toBe(404)
    expect((await apiClient(t).post('/api/v1/staff/alerts', alertBody())).status).toBe(401)
  })
})
