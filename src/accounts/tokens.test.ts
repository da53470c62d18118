import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser } from '../../test/support/clients.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })
beforeEach(async () => { await t.db.deleteFrom('rate_limits').execute() })

describe('API tokens on /account', () => {
  it('lists each token with when it was made, last used and ends, and revokes one from the page', async () => {
    const finder = await createUser(t)
    const b = browserClient(t)
    await signInBrowser(t, b, finder)
    await b.get('/account')
    const made = await b.post('/account/tokens', { name: 'CI script', expiresInDays: '30' })
    expect(made.headers.get('cache-control')).toBe('no-store')
    const secret = made.text.match(/data-testid="new-token">(kk_[A-Za-z0-9_-]+)</)![1]!
    t.clock.advance(5 * 60_000)
    expect((await apiClient(t, secret).get('/api/v1/me')).status).toBe(200)

    const page = await b.get('/account')
    const row = page.text.match(/<tr data-token-id="([^"]+)">((?:(?!<\/tr>).)*CI script(?:(?!<\/tr>).)*)<\/tr>/)
    expect(row).not.toBeNull()
    expect(row![2]).toContain('2026/04/01 10:05') // last used, Japan time
    expect(row![2]).toContain('2026/05/01 10:00') // 30 days after it was made
    const tokenId = row![1]!

    expect((await b.post(`/account/tokens/${tokenId}/revoke`, {})).location).toBe('/account')
    const refused = await apiClient(t, secret).get('/api/v1/me')
    expect(refused.status).toBe(401)
    expect((await b.get('/account')).text).not.toContain('CI script')
  })

  it('through the API: made with an expiry, listed, refused once expired, revoked with DELETE', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    const expiresAt = new Date(t.clock.now().getTime() + 3600_000).toISOString()
    const made = await coordinator.api.post('/api/v1/tokens', { name: 'one hour', expiresAt })
    expect(made.status).toBe(201)
    expect(made.json.expiresAt).toBe(expiresAt)
    const short = apiClient(t, made.json.token)
    expect((await short.get('/api/v1/me')).status).toBe(200)
    const listed = await coordinator.api.get('/api/v1/tokens')
    expect(listed.json.items.find((i: { id: string }) => i.id === made.json.id)).toMatchObject({ name: 'one hour', expiresAt, expired: false })
    expect(JSON.stringify(listed.json)).not.toContain(made.json.token)

    t.clock.advance(3600_000)
    const expired = await short.get('/api/v1/me')
    expect(expired.status).toBe(401)
    expect(expired.json.error.code).toBe('auth.token_expired')

    const other = await coordinator.api.post('/api/v1/tokens', { name: 'to revoke' })
    expect(other.json.expiresAt).toBeNull()
    expect((await coordinator.api.delete(`/api/v1/tokens/${other.json.id}`)).status).toBe(204)
    expect((await apiClient(t, other.json.token).get('/api/v1/me')).status).toBe(401)
  })

  it('refuses an expiry in the past, and leaves other accounts\' tokens alone', async () => {
    const finder = await createUser(t)
    const past = await finder.api.post('/api/v1/tokens', { name: 'old', expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() })
    expect(past.status).toBe(400)
    const stranger = await createUser(t)
    const theirs = await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', stranger.id).executeTakeFirstOrThrow()
    const res = await finder.api.delete(`/api/v1/tokens/${theirs.id}`)
    expect(res.status).toBe(404)
    expect((await stranger.api.get('/api/v1/me')).status).toBe(200)
  })

  it('writes last use at most once a minute', async () => {
    const finder = await createUser(t)
    await finder.api.get('/api/v1/me')
    const first = (await t.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', finder.id).executeTakeFirstOrThrow()).last_used_at
    t.clock.advance(30_000)
    await finder.api.get('/api/v1/me')
    const later = (await t.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', finder.id).executeTakeFirstOrThrow()).last_used_at
    expect(later).toEqual(first)
    t.clock.advance(31_000)
    await finder.api.get('/api/v1/me')
    const after = (await t.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', finder.id).executeTakeFirstOrThrow()).last_used_at
    expect(after).toEqual(t.clock.now())
  })
})
