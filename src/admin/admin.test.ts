import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import type { Role } from '../platform/db/schema.js'
import { newId } from '../platform/secrets.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { createApiToken } from '../accounts/sessions.js'

let t: TestApp
let admin: string
let coordinator: string
let finder: string

/** An account with an API token, so requests need no session or CSRF dance. */
async function accountWithToken(email: string, roles: Role[]): Promise<string> {
  const id = newId()
  await t.db.insertInto('users').values({ id, email, display_name: email.split('@')[0]!, password_hash: 'x', roles }).execute()
  return (await createApiToken(t.db, id, 'test')).token
}

const as = (token: string, init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } })

beforeAll(async () => {
  t = await setupTestApp()
  admin = await accountWithToken('admin@keikai.test', ['admin'])
  coordinator = await accountWithToken('coordinator@keikai.test', ['coordinator'])
  finder = await accountWithToken('finder@example.com', [])
  await enqueueMail(t.db, { to: 'dev@example.jp', subject: '【keikai】新しいメッセージ', text: '本文です。\n<script>alert(1)</script>' }, t.clock.now())
})
afterAll(async () => { await t.close() })

describe('administration access', () => {
  it('shows the administration pages to an administrator', async () => {
    const home = await t.app.request('/admin', as(admin))
    expect(home.status).toBe(200)
    const html = await home.text()
    expect(html).toContain('href="/admin/outbox"')
    expect(html).toContain('href="/admin/users"')
  })

  it('answers 404 to a coordinator and to a plain user, on pages and the API', async () => {
    for (const token of [coordinator, finder]) {
      for (const path of ['/admin', '/admin/outbox', '/admin/users', '/api/v1/admin/outbox']) {
        const res = await t.app.request(path, as(token))
        expect(res.status, `${path}`).toBe(404)
      }
      const post = await t.app.request('/admin/invitations', as(token, { method: 'POST', body: new URLSearchParams({ roles: 'admin' }) }))
      expect(post.status).toBe(404)
    }
    expect(await t.db.selectFrom('invitations').select('id').execute()).toHaveLength(0)
  })

  it('sends an anonymous visitor to sign in, and the API answers 401', async () => {
    const res = await t.app.request('/admin/outbox')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Foutbox')
    expect((await t.app.request('/api/v1/admin/outbox')).status).toBe(401)
  })
})

describe('the outbox', () => {
  it('lists queued mail for an administrator', async () => {
    const html = await (await t.app.request('/admin/outbox', as(admin))).text()
    expect(html).toContain('dev@example.jp')
    expect(html).toContain('【keikai】新しいメッセージ')
    expect(html).toContain('送信待ち')
  })

  it('shows a mail body escaped', async () => {
    const row = await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'dev@example.jp').executeTakeFirstOrThrow()
    const html = await (await t.app.request(`/admin/outbox/${row.id}`, as(admin))).text()
    expect(html).toContain('本文です。')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)')
    expect((await t.app.request('/admin/outbox/no-such-mail', as(admin))).status).toBe(404)
  })

  it('lists the outbox as JSON in the API, filtered by status', async () => {
    const res = await t.app.request('/api/v1/admin/outbox?status=pending', as(admin))
    expect(res.status).toBe(200)
    const body = await res.json() as { items: Array<Record<string, unknown>>; hasMore: boolean }
    expect(body.items.find((m) => m.to === 'dev@example.jp')).toMatchObject({ status: 'pending', attempts: 0, sentAt: null })
    expect(body.items.every((m) => m.status === 'pending')).toBe(true)
    const sent = await (await t.app.request('/api/v1/admin/outbox?status=sent', as(admin))).json() as { items: unknown[] }
    expect(sent.items).toHaveLength(0)
  })
})
