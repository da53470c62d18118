import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser, type TestUser } from '../support/clients.js'
import { GUIDE_PAGES } from '../../src/guides/guide-pages.js'

/**
 * What visitors give the guides — a rating's comment, an address for update notices, a survey
 * answer — is never shown to other visitors: only staff see comments (as text), only
 * administrators see addresses. Staff-typed channel names and a visitor's product name on the
 * checklist result render as text everywhere they appear.
 */

const PAYLOADS = ['<script>alert("x1")</script>', '"><img src=x onerror=alert("x2")>', "'><svg onload=alert('x3')>"]
const RAW = [/<script>alert\("x1"\)<\/script>/, /<img src=x onerror/, /<svg onload/]
const COMMENT_MARK = 'COMMENT-MARK-41'
const ADDRESS = 'visitor-secret-7@example.jp'

let t: TestApp
let coordinator: TestUser
let admin: TestUser
const others: Record<string, ReturnType<typeof apiClient>> = {}

const assertEscaped = (html: string, where: string) => {
  for (const re of RAW) expect(re.test(html), `${where} contains raw ${re}`).toBe(false)
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-10-05T01:00:00Z' })
  coordinator = await createUser(t, { roles: ['coordinator'] })
  admin = await createUser(t, { roles: ['admin'] })
  const org = crypto.randomUUID()
  await t.db.insertInto('organizations').values({ id: org, kind: 'developer', name_ja: '開発元', name_en: 'Maker' }).execute()
  others.anonymous = apiClient(t)
  others.finder = apiClient(t, (await createUser(t)).token)
  others.developer = apiClient(t, (await createUser(t, { organizationId: org })).token)

  // A visitor rates a guide with a comment, registers an address and answers a download's survey.
  const visitor = browserClient(t)
  await visitor.get('/guides/consumers/choosing')
  const rated = await visitor.post('/guides/ratings', { page: '/guides/consumers/choosing', stars: '2', comment: `${COMMENT_MARK} ${PAYLOADS.join(' ')}`, ch: '' })
  expect(rated.status).toBe(303)
  await visitor.get('/guides/updates')
  const registered = await visitor.post('/guides/updates', { email: ADDRESS, topics: ['checklist', 'using'], language: 'ja' })
  expect(registered.status).toBe(200)
  await visitor.get('/guides/downloads/using')
  expect((await visitor.post('/guides/downloads/using', { purpose: 'education' })).status).toBe(200)

  // Staff name a channel with markup in it.
  const staff = browserClient(t)
  await signInBrowser(t, staff, coordinator)
  await staff.get('/guides/channels')
  const created = await staff.post('/guides/channels', { tag: 'expo-2026', kind: 'event', nameJa: `展示会 ${PAYLOADS[0]}`, nameEn: `Expo ${PAYLOADS[1]}` })
  expect(created.status).toBe(303)
})
afterAll(async () => { await t.close() })

/** Every page and answer a visitor or another signed-in person can reach in the guides. */
const publicPaths = () => [
  ...GUIDE_PAGES.map((p) => p.path), ...GUIDE_PAGES.map((p) => `${p.path}?lang=en`),
  '/guides/updates', '/guides/downloads/choosing', '/guides/downloads/using', '/guides/ratings/thanks',
  '/api/v1/guides/checklist', '/', '/advisories',
]

describe("visitors' words stay with staff", () => {
  it('no guide page, API answer or portal page shows a comment or an address to another visitor or account', async () => {
    for (const [who, client] of Object.entries(others)) {
      for (const path of publicPaths()) {
        const r = await client.get(path)
        expect(r.status, `${who} ${path}`).toBeLessThan(500)
        expect(r.text, `${who} ${path}`).not.toContain(COMMENT_MARK)
        expect(r.text, `${who} ${path}`).not.toContain(ADDRESS)
      }
      for (const path of ['/guides/effect', '/guides/effect.csv', '/api/v1/guides/effect', '/guides/updates/subscribers', '/guides/channels']) {
        const r = await client.get(path)
        expect([401, 404, 303], `${who} ${path}`).toContain(r.status)
        expect(r.text).not.toContain(COMMENT_MARK)
      }
    }
  })

  it('staff read the comment as text on the dashboard, and no address anywhere in it', async () => {
    const staff = apiClient(t, coordinator.token)
    const dashboard = await staff.get('/guides/effect?from=2026-09-01&to=2026-10-31')
    expect(dashboard.status).toBe(200)
    expect(dashboard.text).toContain(`${COMMENT_MARK} &lt;script&gt;`)
    assertEscaped(dashboard.text, 'effect dashboard')
    for (const path of ['/guides/effect?from=2026-09-01&to=2026-10-31', '/guides/effect.csv?from=2026-09-01&to=2026-10-31', '/api/v1/guides/effect?from=2026-09-01&to=2026-10-31', '/guides/channels']) {
      const r = await staff.get(path)
      expect(r.status, path).toBe(200)
      expect(r.text, path).not.toContain(ADDRESS)
    }
    expect((await staff.get('/guides/updates/subscribers')).status).toBe(404)
  })

  it('administrators alone see the registered address', async () => {
    const r = await apiClient(t, admin.token).get('/guides/updates/subscribers')
    expect(r.status).toBe(200)
    expect(r.text).toContain(ADDRESS)
  })

  it("the outbox shows administrators the confirmation mail with its secret links masked", async () => {
    const mail = await t.db.selectFrom('mail_outbox').select(['id', 'body_text']).where('to_address', '=', ADDRESS).executeTakeFirstOrThrow()
    expect(mail.body_text).toMatch(/\/guides\/updates\/confirm\/[A-Za-z0-9_-]{43}/)
    const shown = await apiClient(t, admin.token).get(`/admin/outbox/${mail.id}`)
    expect(shown.status).toBe(200)
    expect(shown.text).toContain('/guides/updates/confirm/[redacted]')
    expect(shown.text).toContain('/guides/updates/unsubscribe/[redacted]')
    expect(shown.text).not.toMatch(/\/guides\/updates\/(confirm|unsubscribe)\/[A-Za-z0-9_-]{43}/)
  })
})

describe('text in the guides renders as text', () => {
  it("a channel's names on the channel list, its QR page and the dashboard", async () => {
    const staff = apiClient(t, coordinator.token)
    for (const path of ['/guides/channels', '/guides/channels/expo-2026', '/guides/channels/expo-2026?lang=en', '/guides/effect?from=2026-09-01&to=2026-10-31', '/guides/effect?from=2026-09-01&to=2026-10-31&lang=en']) {
      const r = await staff.get(path)
      expect(r.status, path).toBe(200)
      expect(r.text, path).toMatch(/&lt;script&gt;|&quot;&gt;&lt;img|&lt;img/)
      assertEscaped(r.text, path)
    }
  })

  it("the product name a visitor typed, on the checklist's result, its JSON and the forms that keep it", async () => {
    const answers = Array.from({ length: 12 }, (_, i) => `a${i + 1}=${i % 4}`).join('&')
    for (const payload of PAYLOADS) {
      const q = `v=1&product=${encodeURIComponent(payload)}&${answers}`
      const result = await others.anonymous!.get(`/guides/developers/checklist/result?${q}`)
      expect(result.status).toBe(200)
      assertEscaped(result.text, 'checklist result')
      const form = await others.anonymous!.get(`/guides/developers/checklist?${q}`)
      assertEscaped(form.text, 'checklist form')
      const json = await others.anonymous!.get(`/guides/developers/checklist/result.json?${q}`)
      expect(json.status).toBe(200)
      expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    }
    // A refused answer keeps what was typed, as text.
    const refused = await others.anonymous!.get(`/guides/developers/checklist/result?v=1&product=${encodeURIComponent(PAYLOADS[1]!)}&a1=9`)
    expect(refused.status).toBe(400)
    assertEscaped(refused.text, 'refused checklist result')
  })

  it("a refused rating's comment comes back as text", async () => {
    const b = browserClient(t)
    await b.get('/guides/consumers/using')
    const r = await b.post('/guides/ratings', { page: '/guides/consumers/using', stars: '9', comment: PAYLOADS.join(' '), ch: PAYLOADS[2]! })
    expect(r.status).toBe(400)
    assertEscaped(r.text, 'refused rating')
  })
})
