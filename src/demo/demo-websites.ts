import type { DB } from '../platform/db/database.js'

type Call = (role: string | null, method: string, path: string, body?: unknown) => Promise<any>

/**
 * Issue 4's website flow in the demo: website reports in every state, notified to the demo operator
 * (whose account is `operator@demo.keikai.test`), some long enough ago to be long-running (`ago`: days
 * before today the report came in).
 */
export async function seedWebsiteCases(call: Call, db: DB, moveClock: (iso: string) => void, operatorOrgId: string, ago: (days: number) => string) {
  const contact = await call('intake', 'POST', `/api/v1/operators/${operatorOrgId}/contacts`, { name: '情報政策課', email: 'joho@city.sample.example' })
  const sites = [
    { host: 'www.city.sample.lg.jp', type: 'xss', impact: 'fake_content', target: 'received', ago: 2 },
    { host: 'library.city.sample.lg.jp', type: 'sql_injection', impact: 'personal_info_leak', target: 'accepted', ago: 6 },
    { host: 'event.city.sample.lg.jp', type: 'xss', impact: 'fake_content', target: 'operator_notified', ago: 150 },
    { host: 'shop.city.sample.lg.jp', type: 'sql_injection', impact: 'data_tampering', target: 'operator_notified', ago: 20 },
    { host: 'kids.city.sample.lg.jp', type: 'xss', impact: 'fake_content', target: 'fixed:code_fixed', ago: 70 },
    { host: 'old.city.sample.lg.jp', type: 'file_exposure', impact: 'server_file_leak', target: 'fixed:page_deleted', ago: 64 },
    { host: 'dns.city.sample.lg.jp', type: 'dns_misconfiguration', impact: 'domain_info_injection', target: 'fixed:workaround', ago: 50 },
    { host: 'form.city.sample.lg.jp', type: 'xss', impact: 'fake_content', target: 'not_vulnerable', ago: 44 },
    { host: 'tourism.city.sample.lg.jp', type: 'improper_https', impact: 'lowered_security', target: 'stalled', ago: 110 },
    { host: 'mail.city.sample.lg.jp', type: 'dns_misconfiguration', impact: 'domain_info_injection', target: 'closed_by_alert', ago: 38 },
  ]
  const alertCases: string[] = []
  for (const s of sites) {
    moveClock(`${ago(s.ago)}T01:00:00Z`)
    const filed = await call(null, 'POST', '/api/v1/reports/website', {
      urls: [`https://${s.host}/index.php?id=1`], operatorName: 'サンプル市', vulnerabilityType: s.type, impact: s.impact,
      description: `${s.host} に脆弱性があります。`, reproduction: 'パラメータ id に細工した値を与える', finderName: 'Web Researcher', locale: 'ja',
    })
    const caseId = (await db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.receiptNumber).executeTakeFirstOrThrow()).case_id
    if (s.target === 'received') continue
    await call('intake', 'POST', `/api/v1/cases/${caseId}/accept`, {})
    if (s.target === 'accepted') continue
    await call('intake', 'POST', `/api/v1/cases/${caseId}/operator`, { organizationId: operatorOrgId, contactId: contact.id })
    if (s.target === 'operator_notified') continue
    if (s.target === 'closed_by_alert') { alertCases.push(caseId); continue }
    moveClock(new Date(Date.parse(`${ago(s.ago)}T01:00:00Z`) + 21 * 86400_000).toISOString())
    if (s.target.startsWith('fixed:')) await call('operator', 'POST', `/api/v1/cases/${caseId}/fix`, { fixType: s.target.slice(6) })
    if (s.target === 'not_vulnerable') await call('intake', 'POST', `/api/v1/cases/${caseId}/website-closure`, { ending: 'not_vulnerable', note: '運営者と確認し再現せず' })
    if (s.target === 'stalled') await call('intake', 'POST', `/api/v1/cases/${caseId}/website-closure`, { ending: 'stalled', reason: 'coordination_stopped', note: '督促に返信なし' })
  }
  // A public alert (注意喚起) about dangling DNS records ends the cases it covers.
  moveClock(`${ago(10)}T01:00:00Z`)
  const alert = await call('intake', 'POST', '/api/v1/staff/alerts', {
    title: { ja: 'DNS 設定の不備によるドメインの乗っ取りに関する注意喚起', en: 'Alert: domain takeover through DNS misconfiguration' },
    body: {
      ja: '使われなくなったサブドメインの DNS レコードが残っていると、第三者にそのサブドメインを乗っ取られるおそれがあります。\n\nウェブサイト運営者は、不要になった DNS レコードを削除してください。',
      en: 'DNS records left behind for subdomains no longer in use let others take those subdomains over.\n\nWebsite operators should remove DNS records they no longer need.',
    },
    vulnerabilityType: 'dns_misconfiguration',
  })
  await call('intake', 'POST', `/api/v1/staff/alerts/${alert.id}/publish`, {})
  await call('intake', 'POST', `/api/v1/staff/alerts/${alert.id}/cases`, { caseIds: alertCases })
  await call('intake', 'POST', `/api/v1/staff/alerts/${alert.id}/closure`, {})
}
