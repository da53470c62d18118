import type { Hono } from 'hono'
import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import type { Role } from '../platform/db/schema.js'
import type { AppEnv } from '../platform/http/context.js'
import { newId, newSecret } from '../platform/secrets.js'
import { hashPassword } from '../accounts/passwords.js'
import { createApiToken } from '../accounts/sessions.js'
import { needsSecondFactor } from '../accounts/second-factor.js'
import { Secret } from 'otpauth'
import { seedWebsiteCases } from './demo-websites.js'
import { seedOutreach } from './demo-outreach.js'

type App = Hono<AppEnv>
export type DemoAccount = { role: string; email: string; password: string; totpSecret: string | null }

/** The Japan-time calendar day `days` days before `today`, as YYYY-MM-DD (a demo day starts at 10:00 JST). */
export const daysBefore = (today: Date, days: number): string => new Date(today.getTime() - days * 86400_000 + 9 * 3600_000).toISOString().slice(0, 10)

/**
 * Fills a database with a small, realistic programme: one account per role and product cases in
 * every state the foundation supports, including published advisories. Everything goes through
 * the JSON API, so the demo exercises the same use cases as real users. The clock in `deps` is
 * moved to put events on different days (and left at `today`). Every day is counted back from `today`, so the demo looks
 * like a live programme whenever it runs: new reports from this week, deadlines coming up, a few
 * overdue, advisories published over the last months.
 */
export async function seedDemo(app: App, deps: Deps & { clock: { set: (iso: string) => void } }, today: Date): Promise<{ accounts: DemoAccount[] }> {
  const { db } = deps
  const moveClock = (iso: string) => deps.clock.set(iso)
  const ago = (days: number) => daysBefore(today, days)
  const password = `demo-${newSecret().slice(0, 12)}`
  // Staff sign in with a second factor; the demo enrols them with one printed secret.
  const totpSecret = new Secret({ size: 20 }).base32
  const hash = await hashPassword(password)
  const accounts: DemoAccount[] = []
  const tokens: Record<string, string> = {}
  const orgId = newId()
  await db.insertInto('organizations').values({ id: orgId, kind: 'developer', name_ja: 'サンプル電機株式会社', name_en: 'Sample Electric Co., Ltd.', website: 'https://sample.example' }).execute()
  const operatorOrgId = newId()
  await db.insertInto('organizations').values({ id: operatorOrgId, kind: 'operator', org_type: 'local_government', name_ja: 'サンプル市', name_en: 'Sample City', website: 'https://www.city.sample.lg.jp' }).execute()
  const people: [string, string, Role[], string | null][] = [
    ['admin', '管理者 花子', ['admin'], null],
    ['intake', '受付 一郎', ['intake'], null],
    ['coordinator', '調整 次郎', ['coordinator'], null],
    ['committee', '委員 三郎', ['committee'], null],
    ['developer', '開発 四郎', [], orgId],
    ['finder', '発見 五郎', [], null],
    ['operator', '運営 六郎', [], operatorOrgId],
  ]
  for (const [role, name, roles, org] of people) {
    const id = newId()
    const email = `${role}@demo.keikai.test`
    const secret = needsSecondFactor(roles) ? totpSecret : null
    await db.insertInto('users').values({ id, email, display_name: name, password_hash: hash, roles, organization_id: org, totp_secret: secret }).execute()
    tokens[role] = (await createApiToken(db, id, 'demo seed')).token
    accounts.push({ role, email, password, totpSecret: secret })
  }
  const call = async (role: string | null, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (role) headers.authorization = `Bearer ${tokens[role]}`
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const json = await res.json().catch(() => ({}))
    if (res.status >= 400) throw new Error(`demo seed: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
    return json as any
  }
  const contact = await call('coordinator', 'POST', `/api/v1/organizations/${orgId}/contacts`, { name: 'PSIRT 窓口', email: 'psirt@sample.example' })
  // CVE IDs reserved from the CNA's block, for coordinators to assign while drafting (/cve-ids).
  await call('coordinator', 'POST', '/api/v1/cve-ids', { cveIds: [30001, 30002, 30003, 30004, 30005].map((n) => `CVE-${today.getUTCFullYear()}-${n}`) })

  // `ago`: how many days before today the report came in; the later a case's state, the older it is.
  const products: { name: string; en?: string; type: string; target: string; ago: number }[] = [
    { name: 'WR-1000 ルータ', en: 'WR-1000 Router', type: 'router', target: 'received', ago: 1 },
    { name: 'NAS-200', type: 'file_management', target: 'not_accepted', ago: 9 },
    { name: 'ExampleCMS', type: 'web_application', target: 'accepted', ago: 4 },
    { name: 'カメラ IPC-3', en: 'IPC-3 Camera', type: 'consumer_device', target: 'contacting_developer', ago: 11 },
    { name: 'GroupNote', type: 'groupware', target: 'developer_notified', ago: 8 },
    { name: 'ShopApp for Android', type: 'smartphone_app', target: 'investigating', ago: 26 },
    { name: 'PrintServer PS-9', type: 'peripheral', target: 'not_vulnerable', ago: 40 },
    { name: 'MailGate', type: 'web_application', target: 'fix_in_progress', ago: 52 },
    { name: 'DocViewer', type: 'file_management', target: 'publication_scheduled', ago: 63 },
    { name: 'WebMail Pro', type: 'web_application', target: 'published', ago: 180 },
    { name: 'ルータ RT-500', en: 'RT-500 Router', type: 'router', target: 'published', ago: 130 },
    { name: '業務ポータル BizPortal', en: 'BizPortal', type: 'groupware', target: 'published', ago: 95 },
  ]
  const order = ['received', 'accepted', 'contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled', 'published']
  const reached = (target: string, step: string) => order.indexOf(target) >= order.indexOf(step)

  for (const [i, p] of products.entries()) {
    const day = ago(p.ago)
    moveClock(`${day}T01:00:00Z`)
    const filed = await call(i % 2 ? 'finder' : null, 'POST', '/api/v1/reports', {
      productName: p.name, productVersion: '1.0 〜 1.4', developerName: 'サンプル電機株式会社', productType: p.type,
      description: `${p.name} にクロスサイト・スクリプティングの脆弱性があります。`, reproduction: '1. ログインする\n2. 細工したURLを開く',
      impact: '利用者のブラウザ上で任意のスクリプトが実行される可能性があります。', finderName: i % 2 ? '発見 五郎' : 'Anonymous researcher',
      finderEmail: i % 2 ? 'finder@demo.keikai.test' : undefined, consentShareIdentity: true, consentCredit: i % 2 === 1, locale: 'ja',
    })
    const caseId = (await db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.receiptNumber).executeTakeFirstOrThrow()).case_id
    if (p.target === 'received') continue
    if (p.target === 'not_accepted') { await call('intake', 'POST', `/api/v1/cases/${caseId}/reject`, { reason: 'insufficient_information' }); continue }
    await call('intake', 'POST', `/api/v1/cases/${caseId}/accept`, {})
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/take`)
    if (p.target === 'accepted') continue
    const party = await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties`, { organizationId: orgId })
    // The developer's catalogue entry for the product; the camera's support has ended.
    const cpe = `cpe:2.3:a:sample_electric:${(p.en ?? p.name).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'product'}:*:*:*:*:*:*:*:*`
    const product = await call('coordinator', 'POST', `/api/v1/organizations/${orgId}/products`, {
      name: { ja: p.name, en: p.en ?? p.name }, versions: '1.0 〜 1.5', cpe,
      supportEndDate: p.type === 'consumer_device' ? '2025-09-30' : '2029-03-31',
    })
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/products`, { productId: product.id, versionsAffected: '1.0 〜 1.4' })
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/contact-attempts`, { channel: 'email', address: 'psirt@sample.example', attemptedOn: day, result: p.target === 'contacting_developer' ? 'no_answer' : 'reached' })
    if (p.target === 'contacting_developer') continue
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/notify`, { contactId: contact.id })
    if (p.target === 'developer_notified') continue
    await call('developer', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/acknowledge`)
    if (p.target === 'investigating') continue
    if (p.target === 'not_vulnerable') { await call('developer', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/response`, { response: 'not_vulnerable', statement: { ja: '仕様どおりの動作です。' } }); continue }
    await call('developer', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/response`, {
      response: 'vulnerable', statement: { ja: `${p.name} 1.5 で修正しました。`, en: `Fixed in ${p.en ?? p.name} 1.5.` }, fixPlan: '1.5 をリリース',
    })
    if (!reached(p.target, 'publication_scheduled')) continue
    await call('coordinator', 'PUT', `/api/v1/cases/${caseId}/advisory`, {
      title: { ja: `${p.name} におけるクロスサイト・スクリプティングの脆弱性`, en: `${p.en ?? p.name} vulnerable to cross-site scripting` },
      overview: { ja: `サンプル電機株式会社が提供する ${p.name} には、クロスサイト・スクリプティングの脆弱性が存在します。`, en: `${p.en ?? p.name} provided by Sample Electric Co., Ltd. contains a cross-site scripting vulnerability.` },
      description: { ja: '細工されたURLにアクセスすると、利用者のブラウザ上で任意のスクリプトが実行されます。', en: 'Opening a crafted URL runs arbitrary script in the user\'s browser.' },
      impact: { ja: '当該製品にログインしている利用者のウェブブラウザ上で、任意のスクリプトを実行される可能性があります。', en: 'An arbitrary script may be executed on the web browser of a user who is logged in to the product.' },
      solution: { ja: 'ソフトウェアをアップデートしてください。', en: 'Update the software.' },
      affectedProducts: [{
        developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: p.name, en: p.en ?? p.name }, versions: { ja: '1.0 から 1.4 まで', en: '1.0 to 1.4' }, cpe,
        // The web mailer is also an npm package: its advisory gets an OSV record.
        ...(p.name === 'WebMail Pro' && { package: { purl: 'pkg:npm/%40sample-electric/webmail-pro', ranges: [{ introduced: '1.0.0', fixed: '1.5.0' }] } }),
      }],
      references: [{ title: 'Sample Electric security advisory', url: 'https://sample.example/security' }],
      vulnerabilities: [{ title: { ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' }, cweId: 'CWE-79', cveId: `CVE-2026-${String(20000 + i)}`,
        cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' }],
    })
    // Published ones went out 45 days after the report (when the fix was ready); the scheduled one goes out in two weeks.
    const publishAt = p.target === 'published' ? new Date(Date.parse(`${day}T01:00:00Z`) + 45 * 86400_000) : new Date(today.getTime() + 14 * 86400_000)
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/advisory/schedule`, { publishAt: publishAt.toISOString() })
    if (p.target === 'published') {
      // Published on its day, as the publication job would have done then.
      moveClock(publishAt.toISOString())
      await publishDueAdvisories(deps)
    }
  }
  await seedHardCases(call, db, moveClock, ago)
  await seedWebsiteCases(call, db, moveClock, operatorOrgId, ago)
  await seedOutreach(db, orgId, today, ago)
  // Whatever runs next (the server, a test) starts from today, not the last seeded day.
  moveClock(today.toISOString())
  return { accounts }
}

type Call = (role: string | null, method: string, path: string, body?: unknown) => Promise<any>

/** Issue 3's harder endings: an uncontactable developer on the public list, a committee referral, 個別対応. */
async function seedHardCases(call: Call, db: DB, moveClock: (iso: string) => void, ago: (days: number) => string) {
  const silent = await call('coordinator', 'POST', '/api/v1/organizations', { name: { ja: '音信不通ソフト合同会社', en: 'Silent Soft LLC' } })
  const fileAndReach = async (name: string, day: string) => {
    moveClock(`${day}T01:00:00Z`)
    const filed = await call(null, 'POST', '/api/v1/reports', {
      productName: name, productVersion: '2.x', productType: 'web_application', description: `${name} に認証回避の脆弱性があります。`,
      reproduction: '細工したリクエストを送る', impact: '認証なしで管理機能を使われる可能性があります。', finderName: 'Researcher', locale: 'ja',
    })
    const caseId = (await db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.receiptNumber).executeTakeFirstOrThrow()).case_id
    await call('intake', 'POST', `/api/v1/cases/${caseId}/accept`, {})
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/take`)
    const party = await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties`, { organizationId: silent.id })
    // Three unanswered e-mails over three weeks meet the default contact-attempt policy.
    for (const offset of [0, 7, 14]) {
      const on = new Date(Date.parse(`${day}T01:00:00Z`) + offset * 86400_000)
      moveClock(on.toISOString())
      await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/contact-attempts`,
        { channel: 'email', address: 'info@silent.example', attemptedOn: on.toISOString().slice(0, 10), result: 'no_answer' })
    }
    moveClock(new Date(Date.parse(`${day}T01:00:00Z`) + 21 * 86400_000).toISOString())
    await call('coordinator', 'POST', `/api/v1/cases/${caseId}/parties/${party.partyId}/uncontactable`, { reason: '3回のメールに応答なし' })
    return caseId
  }
  await fileAndReach('旧式掲示板 OldBBS', ago(120))
  const referred = await fileAndReach('IoT ゲートウェイ GW-10', ago(48))
  await call('coordinator', 'POST', `/api/v1/cases/${referred}/committee-referrals`, { reason: 'uncontactable', note: '利用者が多く、公表の要否を判断いただきたい。' })
}
