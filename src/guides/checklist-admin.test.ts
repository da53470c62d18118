import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { BUILT_IN_CHECKLIST } from './checklist-content.js'
import { resultQuery, type Answers } from './checklist-result.js'
import { currentChecklist } from './checklist.repository.js'
import { editValues } from './checklist-admin.views.js'

let t: TestApp
let admin: TestUser
let adminBrowser: BrowserClient
let developer: TestUser

const ALL_TWO = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, 2])) as Answers
const NEW_TITLE = '製品セキュリティ方針を定め、公開している'

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-11-02T01:00:00Z' })
  admin = await createUser(t, { roles: ['admin'], name: 'Admin' })
  developer = await createUser(t, { name: 'Dev' })
  adminBrowser = browserClient(t)
  await signInBrowser(t, adminBrowser, admin)
})
afterAll(async () => { await t.close() })

const editedForm = async (changes: Record<string, string>) => ({ ...editValues(await currentChecklist(t.db)), noteJa: '項目 1 の名称を変更', noteEn: 'Item 1 renamed', ...changes })

describe('administrators editing the checklist', () => {
  it('offers every item’s texts in Japanese and English to administrators only', async () => {
    const res = await adminBrowser.get('/guides/developers/checklist/edit')
    expect(res.status).toBe(200)
    expect(res.text).toContain('name="items.11.levels.2.next.en"')
    expect(res.text).toContain(BUILT_IN_CHECKLIST[11]!.levels[2]!.next.en)
    expect(res.text).toContain('初版')
    expect((await developer.api.get('/guides/developers/checklist/edit')).status).toBe(404)
    expect((await developer.api.post('/guides/developers/checklist/versions', {})).status).toBe(404)
  })

  it('refuses an empty title or note with 400, keeping everything entered, and publishes nothing', async () => {
    const form = await editedForm({ 'items.0.title.ja': NEW_TITLE, 'items.3.title.en': ' ', noteEn: '' })
    const res = await adminBrowser.post('/guides/developers/checklist/versions', form)
    expect(res.status).toBe(400)
    expect(res.text).toContain(`value="${NEW_TITLE}"`)
    expect(res.text).toContain('href="#items.3.title.en"')
    expect(res.text).toContain('項目 1 の名称を変更')
    expect((await currentChecklist(t.db)).version).toBe(1)
  })

  it('publishes the edit as version 2 and announces it in the same transaction', async () => {
    const res = await adminBrowser.post('/guides/developers/checklist/versions', await editedForm({ 'items.0.title.ja': NEW_TITLE }))
    expect(res.status).toBe(303)
    const current = await currentChecklist(t.db)
    expect(current.version).toBe(2)
    expect(current.items[0]!.title.ja).toBe(NEW_TITLE)
    expect(current.items[0]!.part).toBe(1)
    const revisions = await t.db.selectFrom('guide_revisions').selectAll().execute()
    expect(revisions).toMatchObject([{ topic: 'checklist', note_ja: '項目 1 の名称を変更', note_en: 'Item 1 renamed', published_by: admin.id }])
    const page = await adminBrowser.get(res.location!)
    expect(page.text).toContain('第 2 版を公開しました')
    expect(page.text).toMatch(/第 2 版<\/a><\/td>.{0,200}項目 1 の名称を変更/)
  })

  it('fills new answers in against the new version, while a result of version 1 still reads as version 1', async () => {
    const form = await apiClient(t).get('/guides/developers/checklist')
    expect(form.text).toContain('name="v" value="2"')
    expect(form.text).toContain(NEW_TITLE)
    expect(form.text).toContain('項目 1 の名称を変更')
    const old = await apiClient(t).get(`/guides/developers/checklist/result?${resultQuery(1, ALL_TWO)}`)
    expect(old.text).toContain(BUILT_IN_CHECKLIST[0]!.title.ja)
    expect(old.text).not.toContain(NEW_TITLE)
    const fresh = await apiClient(t).get(`/guides/developers/checklist/result?${resultQuery(2, ALL_TWO)}`)
    expect(fresh.text).toContain(NEW_TITLE)
    expect((await apiClient(t).get('/api/v1/guides/checklist')).json.version).toBe(2)
    expect((await apiClient(t).get('/api/v1/guides/checklist/versions/1')).json.items[0].title.ja).toBe(BUILT_IN_CHECKLIST[0]!.title.ja)
  })

  it('keeps a saved result naming the version it was made with', async () => {
    const saved = await developer.api.post('/api/v1/guides/checklist/results', { version: 1, answers: Object.fromEntries(Object.entries(ALL_TWO).map(([k, v]) => [k, v])), save: true })
    const row = await t.db.selectFrom('guide_checklist_results').selectAll().where('id', '=', saved.json.resultId).executeTakeFirstOrThrow()
    expect(row.version).toBe(1)
    const shown = await developer.api.get(`/guides/developers/checklist/results/${saved.json.resultId}`)
    expect(shown.text).toContain('第 1 版')
    expect(shown.text).toContain(BUILT_IN_CHECKLIST[0]!.title.ja)
  })
})
