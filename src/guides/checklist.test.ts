import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { BUILT_IN_CHECKLIST } from './checklist-content.js'
import { nextSteps, resultQuery, summarise, type Answers } from './checklist-result.js'

let t: TestApp
let alice: TestUser
let bob: TestUser
let aliceBrowser: BrowserClient

const answers = (levels: number[]): Answers => Object.fromEntries(levels.map((l, i) => [i + 1, l])) as Answers
const LEVELS = [3, 2, 1, 0, 3, 3, 2, 1, 0, 1, 2, 3]

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-11-02T01:00:00Z' })
  alice = await createUser(t, { name: 'Alice' })
  bob = await createUser(t, { name: 'Bob' })
  aliceBrowser = browserClient(t)
  await signInBrowser(t, aliceBrowser, alice)
})
afterAll(async () => { await t.close() })

describe('the checklist content', () => {
  it('has 12 items in three parts, each with three levels in Japanese and English', () => {
    expect(BUILT_IN_CHECKLIST.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(BUILT_IN_CHECKLIST.map((i) => i.part)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3])
    for (const item of BUILT_IN_CHECKLIST) {
      expect(item.levels.map((l) => l.level)).toEqual([1, 2, 3])
      for (const text of [item.title, item.summary, ...item.levels.flatMap((l) => [l.text, l.next])]) {
        expect(text.ja.length).toBeGreaterThan(0)
        expect(text.en.length).toBeGreaterThan(0)
      }
    }
  })
})

describe('working out a result', () => {
  it('counts the items at each level by part and in all', () => {
    const s = summarise(BUILT_IN_CHECKLIST, answers(LEVELS))
    expect(s.parts).toEqual([
      { part: 1, items: 3, atLeast1: 3, atLeast2: 2, level3: 1 },
      { part: 2, items: 6, atLeast1: 4, atLeast2: 3, level3: 2 },
      { part: 3, items: 3, atLeast1: 3, atLeast2: 2, level3: 1 },
    ])
    expect(s.total).toEqual({ items: 12, atLeast1: 10, atLeast2: 7, level3: 4 })
  })

  it('names the next level and what reaching it takes for every item below level 3', () => {
    const steps = nextSteps(BUILT_IN_CHECKLIST, answers(LEVELS), 'en')
    expect(steps.map((s) => s.item)).toEqual([2, 3, 4, 7, 8, 9, 10, 11])
    const item4 = steps.find((s) => s.item === 4)!
    expect(item4).toMatchObject({ reached: 0, nextLevel: 1, next: BUILT_IN_CHECKLIST[3]!.levels[0]!.next.en })
  })
})

describe('filling in the checklist without an account', () => {
  it('offers every item with its levels as a plain GET form carrying the version', async () => {
    const res = await apiClient(t).get('/guides/developers/checklist')
    expect(res.status).toBe(200)
    expect(res.text).toContain('method="get" action="/guides/developers/checklist/result"')
    expect(res.text).toContain('name="v" value="1"')
    for (let n = 1; n <= 12; n++) expect(res.text).toContain(`name="a${n}" value="3"`)
    expect(res.text).toContain('/guides/developers/checklist/items/12')
  })

  it('shows the result: summary per part, each item, next steps and the version', async () => {
    const res = await apiClient(t).get(`/guides/developers/checklist/result?${resultQuery(1, answers(LEVELS), 'ルーター <b>X</b>')}`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('ルーター &lt;b&gt;X&lt;/b&gt;')
    expect(res.text).toContain('第 1 版')
    expect(res.text).toContain(BUILT_IN_CHECKLIST[3]!.levels[0]!.next.ja)
    expect(res.text.match(/data-item="/g)).toHaveLength(12)
    expect(res.text).toContain('回答を変更する')
  })

  it('refuses a missing or wrong answer with 400, showing the form again with what was chosen', async () => {
    const q = new URLSearchParams(resultQuery(1, answers(LEVELS), 'NAS-9'))
    q.delete('a5')
    q.set('a6', '7')
    const res = await apiClient(t).get(`/guides/developers/checklist/result?${q}`)
    expect(res.status).toBe(400)
    expect(res.text).toContain('この項目のレベルを選んでください')
    expect(res.text).toContain('選択肢の中から選んでください')
    expect(res.text).toMatch(/id="a1-3"[^>]*checked/)
    expect(res.text).toContain('value="NAS-9"')
  })

  it('refuses a version that does not exist', async () => {
    const res = await apiClient(t).get(`/guides/developers/checklist/result?${resultQuery(9, answers(LEVELS))}`)
    expect(res.status).toBe(400)
    expect(res.text).toContain('このチェックリストの版はありません')
  })

  it('gives the result as a JSON download', async () => {
    const res = await apiClient(t).get(`/guides/developers/checklist/result.json?${resultQuery(1, answers(LEVELS), 'NAS-9')}&lang=en`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    expect(res.json).toMatchObject({ version: 1, productName: 'NAS-9', answers: { 1: 3, 4: 0 }, summary: { total: { atLeast1: 10 } }, generatedAt: '2026-11-02T01:00:00.000Z' })
    expect(res.json.nextSteps[0]).toMatchObject({ item: 2, nextLevel: 3 })
  })

  it('fills the form in again from the result’s answers', async () => {
    const res = await apiClient(t).get(`/guides/developers/checklist?${resultQuery(1, answers(LEVELS))}`)
    expect(res.text).toMatch(/id="a4-0"[^>]*checked/)
    expect(res.text).toMatch(/id="a12-3"[^>]*checked/)
  })

  it('has a page for each item, and no page for an item that does not exist', async () => {
    const res = await apiClient(t).get('/guides/developers/checklist/items/4')
    expect(res.status).toBe(200)
    expect(res.text).toContain(BUILT_IN_CHECKLIST[3]!.title.ja)
    expect(res.text).toContain(BUILT_IN_CHECKLIST[3]!.levels[2]!.next.ja)
    for (const n of ['0', '13', 'x', '04x']) expect((await apiClient(t).get(`/guides/developers/checklist/items/${n}`)).status).toBe(404)
  })
})

describe('saved results', () => {
  let resultId = ''

  it('keeps a result for the signed-in person', async () => {
    const fields = Object.fromEntries(new URLSearchParams(resultQuery(1, answers(LEVELS), 'WR-1')))
    await aliceBrowser.get('/guides/developers/checklist/results')
    const res = await aliceBrowser.post('/guides/developers/checklist/results', fields)
    expect(res.status).toBe(303)
    resultId = res.location!.split('/').pop()!
    const shown = await aliceBrowser.get(res.location!)
    expect(shown.status).toBe(200)
    expect(shown.text).toContain('WR-1')
    expect((await aliceBrowser.get('/guides/developers/checklist/results')).text).toContain(resultId)
  })

  it('refuses to keep bad answers, showing them again', async () => {
    const res = await aliceBrowser.post('/guides/developers/checklist/results', { v: '1', product: 'WR-2', a1: '2' })
    expect(res.status).toBe(400)
    expect(res.text).toContain('value="WR-2"')
  })

  it('shows a result to its owner alone', async () => {
    expect((await bob.api.get(`/guides/developers/checklist/results/${resultId}`)).status).toBe(404)
    expect((await bob.api.get('/guides/developers/checklist/results')).text).not.toContain(resultId)
    expect((await bob.api.post(`/guides/developers/checklist/results/${resultId}/delete`)).status).toBe(404)
    expect((await alice.api.get(`/guides/developers/checklist/results/${resultId}`)).status).toBe(200)
  })

  it('lets the owner delete it', async () => {
    const res = await aliceBrowser.post(`/guides/developers/checklist/results/${resultId}/delete`, {})
    expect(res.status).toBe(303)
    expect((await alice.api.get(`/guides/developers/checklist/results/${resultId}`)).status).toBe(404)
  })
})

describe('the checklist API', () => {
  it('gives the current checklist and its versions', async () => {
    const res = await apiClient(t).get('/api/v1/guides/checklist')
    expect(res.json).toMatchObject({ version: 1, publishedAt: null })
    expect(res.json.items).toHaveLength(12)
    expect((await apiClient(t).get('/api/v1/guides/checklist/versions/1')).status).toBe(200)
    expect((await apiClient(t).get('/api/v1/guides/checklist/versions/99')).status).toBe(404)
  })

  it('works out a result for anyone, and keeps it only for a signed-in caller', async () => {
    const body = { version: 1, answers: Object.fromEntries(LEVELS.map((l, i) => [String(i + 1), l])), productName: 'API-1' }
    const anonymous = await apiClient(t).post('/api/v1/guides/checklist/results', body)
    expect(anonymous.status).toBe(200)
    expect(anonymous.json).toMatchObject({ version: 1, resultId: null, summary: { total: { level3: 4 } } })
    expect((await apiClient(t).post('/api/v1/guides/checklist/results', { ...body, save: true })).status).toBe(401)
    const saved = await bob.api.post('/api/v1/guides/checklist/results', { ...body, save: true })
    expect(saved.json.resultId).toEqual(expect.any(String))
    expect((await bob.api.get(`/guides/developers/checklist/results/${saved.json.resultId}`)).status).toBe(200)
    expect((await apiClient(t).post('/api/v1/guides/checklist/results', { ...body, answers: { 1: 4 } })).status).toBe(400)
    expect((await apiClient(t).post('/api/v1/guides/checklist/results', { ...body, version: 5 })).status).toBe(400)
  })
})
