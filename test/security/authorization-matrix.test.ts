import { hashSecret } from '../../src/platform/secrets.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { createUser, type TestUser } from '../support/clients.js'
import { walkToNotifiedDeveloper } from '../support/story.js'
import { registerOperator, walkToNotifiedOperator } from '../support/website-story.js'
import { createInvitation } from '../../src/accounts/invitations.js'
import { ALL, NONE, type AccessTable, type Actor } from './access/access-types.js'
import { foundationAccess } from './access/foundation.access.js'
import { deadlinesAccess } from './access/deadlines.access.js'
import { uncontactableAccess } from './access/uncontactable.access.js'
import { committeeAccess } from './access/committee.access.js'
import { endOfLifeAccess } from './access/end-of-life.access.js'
import { coordinationRequestsAccess } from './access/coordination-requests.access.js'
import { priorityInformationAccess } from './access/priority-information.access.js'
import { selfReportsAccess } from './access/self-reports.access.js'
import { websitesAccess } from './access/websites.access.js'
import { productsAccess } from './access/products.access.js'
import { longRunningAccess } from './access/long-running.access.js'
import { alertsAccess } from './access/alerts.access.js'
import { statisticsAccess } from './access/statistics.access.js'
import { myjvnAccess } from './access/myjvn.access.js'
import { accountsAccess } from './access/accounts.access.js'
import { osvAccess } from './access/osv.access.js'
import { csafAccess } from './access/csaf.access.js'
import { jvndbFeedsAccess } from './access/jvndb-feeds.access.js'
import { cveAccess } from './access/cve.access.js'
import { importAccess } from './access/import.access.js'
import { guidesAccess } from './access/guides.access.js'
import { guidesChecklistAccess } from './access/guides-checklist.access.js'
import { guidesPagesAccess } from './access/guides-pages.access.js'
import { guidesOutreachAccess } from './access/guides-outreach.access.js'
import { accessSeeds, type AccessWorld } from './access/seeds.js'

/**
 * Every route of the app, called as each kind of person DESIGN §5 names, against one case whose
 * advisory is drafted and scheduled but not yet public. A route missing from EXPECTED fails the
 * test, so a new route cannot ship without an access decision.
 */
const ALL_ROUTES: AccessTable = {
  ...foundationAccess, ...deadlinesAccess, ...uncontactableAccess, ...committeeAccess, ...endOfLifeAccess,
  ...coordinationRequestsAccess, ...priorityInformationAccess,
  ...selfReportsAccess, ...websitesAccess, ...longRunningAccess, ...alertsAccess, ...statisticsAccess, ...productsAccess,
  ...accountsAccess, ...osvAccess,
  ...csafAccess, ...jvndbFeedsAccess, ...myjvnAccess,
  ...cveAccess, ...importAccess,
  ...guidesAccess, ...guidesChecklistAccess, ...guidesPagesAccess, ...guidesOutreachAccess,
}
const EXPECTED = ALL_ROUTES

let t: TestApp
const tokens: Partial<Record<Actor, string>> = {}
let params: Record<string, string>
const SECRET_TITLE = '未公開の秘密タイトル'
void NONE

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const finder = await createUser(t, { name: 'Finder' })
  const s = await walkToNotifiedDeveloper(t, { finder: finder.api })
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正済み' } })
  const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
    title: { ja: SECRET_TITLE, en: 'Secret unpublished title' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
    vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.0' }],
  })
  expect(draft.status, JSON.stringify(draft.json)).toBe(200)
  const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-06-01T01:00:00Z' })
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
  const reportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', s.caseId).executeTakeFirstOrThrow()).id
  // an attachment on the finder's report, as the form would store it
  const attachmentId = crypto.randomUUID()
  await t.db.insertInto('attachments').values({ id: attachmentId, report_id: reportId, filename: 'poc.txt', content_type: 'text/plain', size: 3, sha256: '0'.repeat(64), data: new Uint8Array([1, 2, 3]) }).execute()
  const otherOrg = await s.coordinator.api.post('/api/v1/organizations', { name: { ja: '他社', en: 'Other Co.' } })
  const admin = await createUser(t, { roles: ['admin'] })
  const invitation = await createInvitation(t.db, { purpose: 'staff', roles: ['intake'], now: t.clock.now(), createdBy: admin.id })
  const ciOrg = crypto.randomUUID()
  const otherCiOrg = crypto.randomUUID()
  for (const [id, name] of [[ciOrg, '電力会社'], [otherCiOrg, '通信会社']] as const) {
    await t.db.insertInto('organizations').values({ id, kind: 'critical_infrastructure', name_ja: name, name_en: name }).execute()
  }
  // A website case filed by the same finder and notified to `operator`'s organisation.
  const web = await walkToNotifiedOperator(t, { finder: finder.api, intake: s.intake })
  const webReportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', web.caseId).executeTakeFirstOrThrow()).id
  const otherOperatorOrg = await registerOperator(s.intake, { nameJa: '別の運営者', nameEn: 'Another operator', orgType: 'company' })
  const users: Record<Actor, TestUser | null> = {
    anonymous: null, finder, otherFinder: await createUser(t), intake: s.intake, coordinator: s.coordinator, developer: s.developer,
    otherDeveloper: await createUser(t, { organizationId: otherOrg.json.id }), admin,
    committee: await createUser(t, { roles: ['committee'] }),
    ciOperator: await createUser(t, { organizationId: ciOrg }), otherCiOperator: await createUser(t, { organizationId: otherCiOrg }),
    operator: web.operator, otherOperator: await createUser(t, { organizationId: otherOperatorOrg.orgId }),
  }
  for (const a of ALL) if (users[a]) tokens[a] = users[a]!.token
  const outbox = await t.db.selectFrom('mail_outbox').select('id').limit(1).executeTakeFirstOrThrow()
  params = {
    caseId: s.caseId, partyId: s.partyId, reportId, attachmentId, identifier: scheduled.json.identifier.replace('#', ''),
    trackingSecret: s.filed.trackingToken, invitationSecret: invitation.path.split('/').pop()!, invitationId: invitation.id,
    orgId: s.orgId, outboxId: outbox.id,
  }
  const world: AccessWorld = { t, caseId: s.caseId, partyId: s.partyId, reportId, orgId: s.orgId, ciOrgId: ciOrg, otherCiOrgId: otherCiOrg, users, advisoryIdentifier: scheduled.json.identifier,
    website: { caseId: web.caseId, partyId: web.partyId, reportId: webReportId, orgId: web.orgId } }
  for (const seed of accessSeeds) Object.assign(params, await seed(world))
})
afterAll(async () => { await t.close() })

/** Concrete paths for a route pattern; a `:kind{developer|finder}` pattern yields one path per kind. */
function concretePaths(pattern: string): { key: string; path: string }[] {
  const kinds = pattern.match(/:kind\{([^}]+)\}/)?.[1]?.split('|') ?? [null]
  return kinds.map((kind) => {
    let p = kind ? pattern.replace(/:kind\{[^}]+\}/, kind) : pattern
    const key = p
    const target = kind === 'developer' ? params.partyId! : params.reportId!
    p = p.replace(':caseId', params.caseId!).replace(':partyId', params.partyId!).replace(':reportId', params.reportId!)
      .replace(':attachmentId', params.attachmentId!).replace(':identifier', params.identifier!).replace(':slug', params.identifier!).replace(':targetId', target)
      .replace(/^\/(track|api\/v1\/tracking)\/:secret/, (_m, pre) => `/${pre}/${params.trackingSecret}`)
      .replace('/invitations/:secret', `/invitations/${params.invitationSecret}`)
      .replace(/\/admin\/invitations\/:id/, `/admin/invitations/${params.invitationId}`)
      .replace(/outbox\/:id/, `outbox/${params.outboxId}`)
      .replace(/organizations\/:id/, `organizations/${params.orgId}`)
      .replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole)
    return { key, path: p }
  })
}

async function call(actor: Actor, method: string, path: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (tokens[actor]) headers.authorization = `Bearer ${tokens[actor]}`
  // The matrix asks who may, not how often: every call starts with fresh rate-limit counters
  // (anonymous calls all come from one address and would otherwise run into 429s).
  await t.db.deleteFrom('rate_limits').execute()
  const res = await t.app.request(path, { method, headers, body: method === 'GET' ? undefined : '{}' })
  return { status: res.status, location: res.headers.get('location'), body: await res.text() }
}

const refused = (actor: Actor, r: { status: number; location: string | null }) =>
  actor === 'anonymous'
    ? r.status === 401 || r.status === 404 || (r.status === 303 && Boolean(r.location?.startsWith('/login')))
    : r.status === 404

describe('the authorisation matrix', () => {
  it('has an access decision for every route the app serves', () => {
    const served = new Set(t.app.routes.filter((r) => r.method !== 'ALL').flatMap((r) => concretePaths(r.path).map((p) => `${r.method} ${p.key}`)))
    const missing = [...served].filter((k) => !(k in EXPECTED))
    expect(missing).toEqual([])
    const stale = Object.keys(EXPECTED).filter((k) => !served.has(k))
    expect(stale).toEqual([])
  })

  it('allows exactly the parties DESIGN §5 names, and answers everyone else 404 (anonymous: sign in)', async () => {
    const wrong: string[] = []
    for (const route of t.app.routes.filter((r) => r.method !== 'ALL')) {
      for (const { key, path } of concretePaths(route.path)) {
        const allowed = EXPECTED[`${route.method} ${key}`] ?? NONE
        for (const actor of ALL) {
          const r = await call(actor, route.method, path)
          // Replacing, revoking or reissuing the world's tracking link changes it: give the next caller the same link again.
          if (/replacement$|tracking-link/.test(key)) {
            await t.db.updateTable('reports').set({ tracking_token_hash: hashSecret(params.trackingSecret!), tracking_revoked_at: null }).where('id', '=', params.reportId!).execute()
          }
          if (r.status === 403) wrong.push(`${actor} ${route.method} ${key}: 403 (must be 404)`)
          const isRefused = refused(actor, r)
          if (allowed.includes(actor) === isRefused) wrong.push(`${actor} ${route.method} ${key}: ${r.status}${r.location ? ' → ' + r.location : ''} (expected ${allowed.includes(actor) ? 'allowed' : 'refused'})`)
        }
      }
    }
    expect(wrong).toEqual([])
  // Every route × every actor (about 6,000 requests): well under a minute alone, more on a loaded CI machine.
  }, 180_000)

  it('never shows the unpublished advisory on a public page, feed or API', async () => {
    for (const path of ['/', '/advisories', `/advisories?q=${encodeURIComponent('秘密')}`, '/rss/advisories.rdf', '/api/v1/advisories', `/api/v1/advisories?q=${encodeURIComponent('秘密')}`]) {
      for (const actor of ALL) {
        const r = await call(actor, 'GET', path)
        expect(r.status, `${actor} ${path}`).toBe(200)
        expect(r.body, `${actor} ${path}`).not.toContain(SECRET_TITLE)
        expect(r.body, `${actor} ${path}`).not.toContain(params.identifier)
      }
    }
  })
})
