import { expect } from 'vitest'
import type { TestApp } from './test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from './clients.js'
import { walkToNotifiedDeveloper } from './story.js'
import { registerOperator, walkToNotifiedOperator } from './website-story.js'
import { createInvitation } from '../../src/accounts/invitations.js'
import { accessSeeds, type AccessWorld } from '../security/access/seeds.js'

/** Who the fuzz test sends requests as: nobody, or one staff member by bearer token or by signed-in session. */
export type FuzzActor = 'anonymous' | 'staffToken' | 'staffSession'

export type FuzzWorld = {
  /** Real values for every route parameter name (`caseId`, `slug`, …), so routes get past their lookups. */
  params: Record<string, string>
  /** Headers that make a request come from the actor. */
  credentials: Record<FuzzActor, Record<string, string>>
  /** The CSRF token of the actor (none for a bearer token), sent when a generated request includes it. */
  csrf: Record<FuzzActor, { cookie?: string; token: string } | undefined>
  staff: TestUser
  /** The people and objects behind `params`, for tests that act as each of them. */
  world: AccessWorld
}

/**
 * The world the authorisation matrix builds (a product case with a notified developer and a
 * scheduled advisory, a notified website case, every feature's own seed), plus one staff member
 * with every staff role (intake, coordinator, admin) signed in with the second factor done.
 */
export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const finder = await createUser(t, { name: 'Finder' })
  const s = await walkToNotifiedDeveloper(t, { finder: finder.api })
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正済み' } })
  const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
    title: { ja: 'ファズ対象', en: 'Fuzz target' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
    vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.0' }],
  })
  expect(draft.status, JSON.stringify(draft.json)).toBe(200)
  const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-06-01T01:00:00Z' })
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
  const reportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', s.caseId).executeTakeFirstOrThrow()).id
  const attachmentId = crypto.randomUUID()
  await t.db.insertInto('attachments').values({ id: attachmentId, report_id: reportId, filename: 'poc "1".txt', content_type: 'text/plain', size: 3, sha256: '0'.repeat(64), data: new Uint8Array([1, 2, 3]) }).execute()
  const otherOrg = await s.coordinator.api.post('/api/v1/organizations', { name: { ja: '他社', en: 'Other Co.' } })
  const admin = await createUser(t, { roles: ['admin'] })
  const invitation = await createInvitation(t.db, { purpose: 'staff', roles: ['intake'], now: t.clock.now(), createdBy: admin.id })
  const [ciOrg, otherCiOrg] = [crypto.randomUUID(), crypto.randomUUID()]
  for (const [id, name] of [[ciOrg, '電力会社'], [otherCiOrg, '通信会社']] as const) {
    await t.db.insertInto('organizations').values({ id, kind: 'critical_infrastructure', name_ja: name, name_en: name }).execute()
  }
  const web = await walkToNotifiedOperator(t, { finder: finder.api, intake: s.intake })
  const webReportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', web.caseId).executeTakeFirstOrThrow()).id
  const otherOperatorOrg = await registerOperator(s.intake, { nameJa: '別の運営者', nameEn: 'Another operator', orgType: 'company' })
  const world: AccessWorld = {
    t, caseId: s.caseId, partyId: s.partyId, reportId, orgId: s.orgId, ciOrgId: ciOrg, otherCiOrgId: otherCiOrg, advisoryIdentifier: scheduled.json.identifier,
    website: { caseId: web.caseId, partyId: web.partyId, reportId: webReportId, orgId: web.orgId },
    users: {
      anonymous: null, finder, otherFinder: await createUser(t), intake: s.intake, coordinator: s.coordinator, developer: s.developer,
      otherDeveloper: await createUser(t, { organizationId: otherOrg.json.id }), admin, committee: await createUser(t, { roles: ['committee'] }),
      ciOperator: await createUser(t, { organizationId: ciOrg }), otherCiOperator: await createUser(t, { organizationId: otherCiOrg }),
      operator: web.operator, otherOperator: await createUser(t, { organizationId: otherOperatorOrg.orgId }),
    },
  }
  const outbox = await t.db.selectFrom('mail_outbox').select('id').limit(1).executeTakeFirstOrThrow()
  const params: Record<string, string> = {
    caseId: s.caseId, partyId: s.partyId, reportId, attachmentId, identifier: scheduled.json.identifier.replace('#', ''),
    slug: scheduled.json.identifier.replace('#', ''), targetId: s.partyId, kind: 'developer',
    secret: s.filed.trackingToken, id: invitation.id, outboxId: outbox.id, orgId: s.orgId,
  }
  for (const seed of accessSeeds) Object.assign(params, await seed(world))

  const staff = await createUser(t, { roles: ['intake', 'coordinator', 'admin'], name: 'Fuzz Staff' })
  const browser = browserClient(t)
  await signInBrowser(t, browser, staff)
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const home = await t.app.request('/intake', { headers: { cookie } })
  expect(home.status, 'the fuzz staff member is signed in with the second factor').toBe(200)
  const csrfToken = (await home.text()).match(/name="_csrf" value="([^"]+)"/)?.[1]
  expect(csrfToken, 'a page for the signed-in staff member carries a CSRF token').toBeTruthy()
  // An anonymous visitor holds the cookie-bound token a public form carries.
  const visit = await t.app.request('/login')
  const anonymousCookie = visit.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('keikai_csrf='))
  const anonymousToken = (await visit.text()).match(/name="_csrf" value="([^"]+)"/)?.[1]
  expect(anonymousCookie && anonymousToken, 'a public form carries a CSRF token bound to a cookie').toBeTruthy()
  return {
    params, staff, world,
    csrf: { anonymous: { cookie: anonymousCookie!, token: anonymousToken! }, staffToken: undefined, staffSession: { token: csrfToken! } },
    credentials: {
      anonymous: {},
      staffToken: { authorization: `Bearer ${staff.token}` },
      staffSession: { cookie },
    },
  }
}
