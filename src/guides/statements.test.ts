import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { newId } from '../platform/secrets.js'

let t: TestApp
let dev: TestUser
let devBrowser: BrowserClient
let colleague: TestUser
let rival: TestUser
let stranger: TestUser

const XSS = '<script>alert(1)</script>'
const statement = (overrides: Record<string, string> = {}) => ({
  productName: `ルーター WR-9 ${XSS}`, slug: 'example-router-wr9', supportEndsOn: '2031-03-31',
  supportNoteJa: `販売終了から 5 年 ${XSS}`, supportNoteEn: 'Five years after the end of sales',
  contactUrl: 'https://psirt.example.jp/report', contactEmail: 'psirt@example.jp',
  updateMethodJa: '自動更新（初期設定で有効）', updateMethodEn: 'Automatic updates, on by default', checklistResultId: '',
  ...overrides,
})

async function org(name: string) {
  const id = newId()
  await t.db.insertInto('organizations').values({ id, kind: 'developer', name_ja: name, name_en: name }).execute()
  return id
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-11-02T01:00:00Z' })
  const mine = await org('例示電機株式会社')
  dev = await createUser(t, { organizationId: mine, name: 'Dev' })
  colleague = await createUser(t, { organizationId: mine, name: 'Colleague' })
  rival = await createUser(t, { organizationId: await org('他社'), name: 'Rival' })
  stranger = await createUser(t, { name: 'Stranger' })
  devBrowser = browserClient(t)
  await signInBrowser(t, devBrowser, dev)
  await devBrowser.get('/guides/statements/new')
})
afterAll(async () => { await t.close() })

describe("a product's public statement", () => {
  it('is offered to members of developer organisations only', async () => {
    expect((await devBrowser.get('/guides/statements/new')).status).toBe(200)
    expect((await stranger.api.get('/guides/statements/new')).status).toBe(404)
    expect((await apiClient(t).get('/guides/statements')).status).toBe(303)
  })

  it('refuses a bad address, a non-web URL and a bad e-mail with 400, keeping what was entered', async () => {
    const res = await devBrowser.post('/guides/statements', statement({ slug: 'A!', contactUrl: 'javascript:alert(1)', contactEmail: 'not-mail' }))
    expect(res.status).toBe(400)
    expect(res.text).toContain('英小文字・数字・ハイフンで 3～63 文字')
    expect(res.text).toContain('URL を https://example.jp/ の形式で入力してください')
    expect(res.text).toContain('メールアドレスを name@example.jp の形式で入力してください')
    expect(res.text).toContain('value="javascript:alert(1)"')
    expect(res.text).not.toContain('href="javascript:')
    const noContact = await devBrowser.post('/guides/statements', statement({ contactUrl: '', contactEmail: '' }))
    expect(noContact.status).toBe(400)
    expect(noContact.text).toContain('問い合わせ先の URL かメールアドレスを入力してください')
  })

  it('is created unpublished: a preview for its organisation, not found for anyone else', async () => {
    const res = await devBrowser.post('/guides/statements', statement())
    expect(res.status).toBe(303)
    expect(res.location).toBe('/guides/statements/example-router-wr9')
    const preview = await colleague.api.get('/guides/statements/example-router-wr9')
    expect(preview.status).toBe(200)
    expect(preview.text).toContain('これはプレビューです')
    for (const who of [apiClient(t), rival.api, stranger.api]) expect((await who.get('/guides/statements/example-router-wr9')).status).toBe(404)
    expect((await apiClient(t).get('/api/v1/guides/statements/example-router-wr9')).status).toBe(404)
  })

  it('refuses an address already taken', async () => {
    const res = await devBrowser.post('/guides/statements', statement({ productName: 'Other' }))
    expect(res.status).toBe(400)
    expect(res.text).toContain('このアドレスはすでに使われています')
  })

  it('is public once published, with its escaped fields and a security.txt to copy', async () => {
    await devBrowser.get('/guides/statements')
    expect((await devBrowser.post('/guides/statements/example-router-wr9/publish', {})).status).toBe(303)
    const res = await apiClient(t).get('/guides/statements/example-router-wr9')
    expect(res.status).toBe(200)
    expect(res.text).not.toContain(XSS)
    expect(res.text).toContain('ルーター WR-9 &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(res.text).toContain('販売終了から 5 年 &lt;script&gt;')
    expect(res.text).toContain('Contact: mailto:psirt@example.jp')
    expect(res.text).toContain('Contact: https://psirt.example.jp/report')
    expect(res.text).toContain('Expires: 2027-11-02T01:00:00Z')
    expect(res.text).toContain('Preferred-Languages: ja, en')
    expect(res.text).toContain('Canonical: https://psirt.example.jp/.well-known/security.txt')
    expect(res.text).toContain('href="/guides/consumers/choosing"')
    expect(res.text).not.toContain('これはプレビューです')
    const api = await apiClient(t).get('/api/v1/guides/statements/example-router-wr9')
    expect(api.json).toMatchObject({ slug: 'example-router-wr9', supportEndsOn: '2031-03-31', contactEmail: 'psirt@example.jp', organization: { name: { ja: '例示電機株式会社' } } })
  })

  it('says "not yet decided" without a support end, and shows a linked checklist result', async () => {
    const answers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), i < 6 ? 3 : 1]))
    const saved = await dev.api.post('/api/v1/guides/checklist/results', { version: 1, answers, save: true })
    await devBrowser.get('/guides/statements/example-router-wr9/edit')
    const res = await devBrowser.post('/guides/statements/example-router-wr9', statement({ supportEndsOn: '', checklistResultId: saved.json.resultId }))
    expect(res.status).toBe(303)
    const page = await apiClient(t).get('/guides/statements/example-router-wr9')
    expect(page.text).toContain('未定')
    expect(page.text).toContain('製品開発者向けチェックリストの結果')
  })

  it('keeps a colleague’s linked result as a choice when another member edits the statement', async () => {
    const colleagueBrowser = browserClient(t)
    await signInBrowser(t, colleagueBrowser, colleague)
    const linked = (await t.db.selectFrom('guide_statements').select('checklist_result_id').where('slug', '=', 'example-router-wr9').executeTakeFirstOrThrow()).checklist_result_id!
    const form = await colleagueBrowser.get('/guides/statements/example-router-wr9/edit')
    expect(form.text).toMatch(new RegExp(`value="${linked}" selected`))
    expect((await colleagueBrowser.post('/guides/statements/example-router-wr9', statement({ supportEndsOn: '', checklistResultId: linked }))).status).toBe(303)
  })

  it('refuses to link someone else’s checklist result', async () => {
    const saved = await stranger.api.post('/api/v1/guides/checklist/results', { version: 1, answers: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 0])), save: true })
    await devBrowser.get('/guides/statements/example-router-wr9/edit')
    const res = await devBrowser.post('/guides/statements/example-router-wr9', statement({ checklistResultId: saved.json.resultId }))
    expect(res.status).toBe(400)
  })

  it('is edited and withdrawn by its organisation only', async () => {
    expect((await rival.api.get('/guides/statements/example-router-wr9/edit')).status).toBe(404)
    expect((await rival.api.post('/guides/statements/example-router-wr9/unpublish')).status).toBe(404)
    expect((await rival.api.get('/guides/statements')).text).not.toContain('example-router-wr9')
    expect((await colleague.api.get('/guides/statements')).text).toContain('example-router-wr9')
    expect((await colleague.api.post('/guides/statements/example-router-wr9/unpublish')).status).toBe(303)
    expect((await apiClient(t).get('/guides/statements/example-router-wr9')).status).toBe(404)
    expect((await apiClient(t).get('/api/v1/guides/statements/example-router-wr9')).status).toBe(404)
  })
})
