import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { newId } from '../platform/secrets.js'
import { createApiToken } from '../accounts/sessions.js'

let t: TestApp
let admin: string
let adminId: string

const asAdmin = (init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, authorization: `Bearer ${admin}` } })

function invite(fields: [string, string][]) {
  return t.app.request('/admin/invitations', asAdmin({ method: 'POST', body: new URLSearchParams(fields) }))
}

const linkIn = (html: string) => html.match(/http:\/\/keikai\.test(\/invitations\/[A-Za-z0-9_-]{43})/)?.[1]

/** Accepts an invitation the way a browser does: read the form for its CSRF token, then post it. */
async function acceptAsBrowser(path: string, fields: Record<string, string>) {
  const form = await t.app.request(path)
  const cookie = form.headers.getSetCookie().find((c) => c.startsWith('keikai_csrf='))?.split(';')[0] ?? ''
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
  return t.app.request(path, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...fields, _csrf: csrf }),
  })
}

beforeAll(async () => {
  t = await setupTestApp()
  adminId = newId()
  await t.db.insertInto('users').values({ id: adminId, email: 'admin@keikai.test', display_name: 'admin', password_hash: 'x', roles: ['admin'] }).execute()
  admin = (await createApiToken(t.db, adminId, 'test')).token
})
afterAll(async () => { await t.close() })

describe('inviting staff', () => {
  it('creates a staff account with the chosen roles from an invitation the administrator made', async () => {
    const res = await invite([['roles', 'intake'], ['roles', 'coordinator'], ['email', 'New.Staff@keikai.test']])
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const path = linkIn(await res.text())
    expect(path).toBeDefined()

    const mail = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'new.staff@keikai.test').executeTakeFirstOrThrow()
    expect(mail.body_text).toContain(`http://keikai.test${path}`)
    expect(mail.body_text).toContain('受付機関')
    expect(mail.body_text).toContain('Intake')

    const created = await acceptAsBrowser(path!, { displayName: '新スタッフ', email: 'new.staff@keikai.test', password: 'a long enough password' })
    expect(created.status).toBe(303)
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'new.staff@keikai.test').executeTakeFirstOrThrow()
    expect([...user.roles].sort()).toEqual(['coordinator', 'intake'])
    expect(user.organization_id).toBeNull()
    const invitation = await t.db.selectFrom('invitations').selectAll().where('used_by', '=', user.id).executeTakeFirstOrThrow()
    expect(invitation).toMatchObject({ purpose: 'staff', created_by: adminId })

    expect((await t.app.request(path!)).status).toBe(404)
  })

  it('makes a link without mail when no address is given', async () => {
    const before = await t.db.selectFrom('mail_outbox').select('id').execute()
    const res = await invite([['roles', 'committee']])
    expect(res.status).toBe(200)
    expect(linkIn(await res.text())).toBeDefined()
    expect(await t.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(before.length)
  })

  it('refuses an invitation without a role or with an unknown role', async () => {
    const count = async () => (await t.db.selectFrom('invitations').select('id').execute()).length
    const before = await count()
    expect((await invite([['email', 'x@keikai.test']])).status).toBe(400)
    expect((await invite([['roles', 'superuser']])).status).toBe(400)
    expect(await count()).toBe(before)
  })

  it('lets the administrator revoke an open invitation', async () => {
    const path = linkIn(await (await invite([['roles', 'intake']])).text())
    const open = await t.db.selectFrom('invitations').select('id')
      .where('used_at', 'is', null).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute()
    const users = await (await t.app.request('/admin/users', asAdmin())).text()
    for (const inv of open) expect(users).toContain(`/admin/invitations/${inv.id}/revoke`)

    for (const inv of open) {
      const res = await t.app.request(`/admin/invitations/${inv.id}/revoke`, asAdmin({ method: 'POST', body: new URLSearchParams() }))
      expect(res.status).toBe(303)
    }
    expect((await t.app.request(path!)).status).toBe(404)
  })

  it('creates an invitation through the API', async () => {
    const res = await t.app.request('/api/v1/admin/invitations', asAdmin({
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roles: ['admin'] }),
    }))
    expect(res.status).toBe(201)
    const body = await res.json() as { url: string; mailed: boolean }
    expect(body.url).toMatch(/^http:\/\/keikai\.test\/invitations\//)
    expect(body.mailed).toBe(false)
  })
})
