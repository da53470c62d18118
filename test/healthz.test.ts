import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from './support/test-app.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

describe('the platform', () => {
  it('answers the liveness check', async () => {
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('sends a strict Content-Security-Policy and nosniff', async () => {
    const res = await t.app.request('/login')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers unknown API paths with a JSON error code', async () => {
    const res = await t.app.request('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'request.not_found' } })
  })

  it('shows Japanese by default and English on request', async () => {
    const ja = await (await t.app.request('/login')).text()
    expect(ja).toContain('<html lang="ja">')
    expect(ja).toContain('ログイン')
    const en = await (await t.app.request('/login?lang=en')).text()
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Sign in')
  })

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.app.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'a@example.com', password: 'x' }) })
    expect(res.status).toBe(403)
  })
})

describe('security.txt', () => {
  it('publishes an RFC 9116 file with a contact and a future expiry', async () => {
    const res = await t.app.request('/.well-known/security.txt')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toMatch(/^Contact: http:\/\/keikai\.test\/report$/m)
    const expires = new Date(text.match(/^Expires: (.+)$/m)![1]!)
    expect(expires.getTime()).toBeGreaterThan(t.clock.now().getTime())
  })
})
