import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, TEST_PASSWORD, totpCode, type TestUser } from '../../test/support/clients.js'
import type { OrganizationKind, Role } from '../platform/db/schema.js'
import { newId } from '../platform/secrets.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })
beforeEach(async () => { await t.db.deleteFrom('rate_limits').execute() })

async function member(kind: OrganizationKind): Promise<TestUser> {
  const id = newId()
  await t.db.insertInto('organizations').values({ id, kind, name_ja: `組織 ${kind}`, name_en: `Org ${kind}` }).execute()
  return createUser(t, { organizationId: id })
}

/** Signs in through the forms as a browser does (the hidden `next` carried along) and follows to the page where the person lands. */
async function landing(user: TestUser, next?: string): Promise<string> {
  const b = browserClient(t)
  const login = await b.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
  const carried = login.text.match(/name="next" value="([^"]*)"/)![1]!
  const res = await b.post('/login', { email: user.email, password: TEST_PASSWORD, next: carried.replace(/&amp;/g, '&') })
  if (!res.location?.startsWith('/login/second-factor')) return res.location!
  const form = await b.get(res.location)
  const hidden = form.text.match(/name="next" value="([^"]*)"/)![1]!.replace(/&amp;/g, '&')
  const done = await b.post('/login/second-factor', { code: totpCode(t, user), next: hidden })
  expect((await b.get(done.location!)).status).toBe(200)
  return done.location!
}

describe('where each role lands after signing in', () => {
  const staff: [Role, string][] = [
    ['intake', '/intake'], ['coordinator', '/coordination?mine=1'], ['committee', '/committee'], ['admin', '/admin/users'],
  ]
  for (const [role, path] of staff) {
    it(`takes ${role} to ${path}`, async () => {
      expect(await landing(await createUser(t, { roles: [role] }))).toBe(path)
    })
  }

  it('takes developers and website operators to their cases, critical-infrastructure operators to priority information, finders home', async () => {
    expect(await landing(await member('developer'))).toBe('/my/cases')
    expect(await landing(await member('operator'))).toBe('/my/cases')
    expect(await landing(await member('critical_infrastructure'))).toBe('/priority-information')
    expect(await landing(await createUser(t))).toBe('/')
  })

  it('goes where the person was going when a page asked them to sign in', async () => {
    expect(await landing(await createUser(t, { roles: ['coordinator'] }), '/deadlines?mine=1')).toBe('/deadlines?mine=1')
    expect(await landing(await member('developer'), '/account')).toBe('/account')
  })
})
