import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, type TestUser } from '../../test/support/clients.js'
import { deliverDueMail } from '../platform/mail/delivery.js'
import { startSmtpPeer, type SmtpPeer } from '../platform/mail/smtp-peer.test-support.js'
import { announceGuideChange } from './notices.usecases.js'

/** Update notices: double opt-in, one-click unsubscribe in every mail, addresses seen by administrators only. */

let t: TestApp
let peer: SmtpPeer
let admin: TestUser
let coordinator: TestUser
beforeAll(async () => {
  peer = await startSmtpPeer()
  t = await setupTestApp({ now: '2026-10-05T01:00:00Z', env: { SMTP_URL: peer.url, MAIL_FROM: 'keikai <no-reply@keikai.test>' } })
  admin = await createUser(t, { roles: ['admin'] })
  coordinator = await createUser(t, { roles: ['coordinator'] })
})
afterAll(async () => {
  await t.close()
  await peer.close()
})
beforeEach(async () => {
  await t.db.deleteFrom('rate_limits').execute()
})

const mailsTo = (to: string) => t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute()
const subscription = (email: string) => t.db.selectFrom('guide_subscriptions').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
const linkIn = (text: string, kind: 'confirm' | 'unsubscribe') => new URL(text.match(new RegExp(`https?://\\S+/guides/updates/${kind}/[A-Za-z0-9_-]+`))![0]).pathname

async function register(fields: Record<string, string | string[]>) {
  const b = browserClient(t)
  await b.get('/guides/updates')
  return b.post('/guides/updates', fields)
}

describe('registering for update notices', () => {
  it('keeps a new address pending and mails a confirmation link with the one-click unsubscribe link and headers', async () => {
    const res = await register({ email: ' new@example.jp ', topics: ['checklist', 'using'], language: 'ja' })
    expect(res.status).toBe(200)
    expect(res.text).toContain('確認メールをお送りしました')
    const s = await subscription('new@example.jp')
    expect(s).toMatchObject({ status: 'pending', language: 'ja', topics: ['checklist', 'using'], confirmed_at: null })
    const [mail] = await mailsTo('new@example.jp')
    expect(mail!.subject).toContain('登録の確認')
    expect(mail!.body_text).toMatch(/http:\/\/keikai\.test\/guides\/updates\/confirm\/[A-Za-z0-9_-]{43}/)
    const unsubscribe = mail!.body_text.match(/http:\/\/keikai\.test\/guides\/updates\/unsubscribe\/[A-Za-z0-9_-]{43}/)![0]
    expect(mail!.headers).toEqual({ 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    // Only hashes of the links' secrets are stored.
    expect(JSON.stringify(s)).not.toContain(linkIn(mail!.body_text, 'confirm').split('/').pop())
  })

  it('answers the same page for a new, a pending and a confirmed address', async () => {
    await register({ email: 'known@example.jp', topics: 'choosing', language: 'en' })
    await t.db.updateTable('guide_subscriptions').set({ status: 'confirmed', confirmed_at: t.clock.now() }).where('email', '=', 'known@example.jp').execute()
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '')
    const answers = await Promise.all(['known@example.jp', 'unknown@example.jp', 'new@example.jp'].map(async (email) => strip((await register({ email, topics: 'choosing', language: 'ja' })).text)))
    expect(new Set(answers).size).toBe(1)
    // The confirmed address keeps its choice; its owner is told it is registered.
    expect(await subscription('known@example.jp')).toMatchObject({ status: 'confirmed', topics: ['choosing'], language: 'en' })
    expect((await mailsTo('known@example.jp')).at(-1)!.subject).toContain('already registered')
  })

  it('refuses a bad address or no topic with 400, keeping what was entered', async () => {
    const bad = await register({ email: 'not-an-address', topics: 'using', language: 'en' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('value="not-an-address"')
    expect(bad.text).toMatch(/value="using" checked/)
    const long = await register({ email: `${'a'.repeat(250)}@example.jp`, topics: 'using', language: 'ja' })
    expect(long.status).toBe(400)
    const none = await register({ email: 'ok@example.jp', language: 'ja' })
    expect(none.status).toBe(400)
    expect(none.text).toContain('value="ok@example.jp"')
    expect(await t.db.selectFrom('guide_subscriptions').select('id').where('email', 'in', ['not-an-address', 'ok@example.jp']).execute()).toEqual([])
  })
})

describe('confirming', () => {
  it('does not confirm on GET (mail scanners open links), confirms on POST, and again is the same', async () => {
    await register({ email: 'confirm@example.jp', topics: 'checklist', language: 'ja' })
    const path = linkIn((await mailsTo('confirm@example.jp'))[0]!.body_text, 'confirm')
    const b = browserClient(t)
    const shown = await b.get(path)
    expect(shown.status).toBe(200)
    expect(shown.text).toContain('登録を確定する')
    expect((await subscription('confirm@example.jp')).status).toBe('pending')
    expect((await b.post(path, {})).status).toBe(200)
    expect(await subscription('confirm@example.jp')).toMatchObject({ status: 'confirmed' })
    const again = await b.post(path, {})
    expect(again.status).toBe(200)
    expect(again.text).toContain('登録が確定しました')
  })

  it('refuses unknown links and links older than 7 days with a clear 404', async () => {
    expect((await t.app.request('/guides/updates/confirm/nonsense')).status).toBe(404)
    await register({ email: 'late@example.jp', topics: 'checklist', language: 'ja' })
    const path = linkIn((await mailsTo('late@example.jp'))[0]!.body_text, 'confirm')
    t.clock.advance(8 * 86_400_000)
    const b = browserClient(t)
    const res = await b.get(path)
    expect(res.status).toBe(404)
    expect(res.text).toContain('期限（7 日間）が切れています')
    expect((await b.post(path, {})).status).toBe(404)
    expect((await subscription('late@example.jp')).status).toBe('pending')
  })
})

describe('unsubscribing', () => {
  it('takes a one-click POST with no cookie and no CSRF token, as a mail client sends it', async () => {
    await register({ email: 'leave@example.jp', topics: 'checklist', language: 'ja' })
    const path = linkIn((await mailsTo('leave@example.jp'))[0]!.body_text, 'unsubscribe')
    const shown = await t.app.request(path)
    expect(shown.status).toBe(200)
    expect((await subscription('leave@example.jp')).status).toBe('pending')
    const post = () => t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    const res = await post()
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('配信を停止しました')
    expect(await subscription('leave@example.jp')).toMatchObject({ status: 'unsubscribed' })
    // A mail provider posts for many people from one address: never held back by a rate limit.
    for (let i = 0; i < 70; i++) expect((await post()).status).toBe(200)
    expect((await t.app.request('/guides/updates/unsubscribe/nonsense', { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404)
    // The confirmation link of an unsubscribed address no longer subscribes it.
    const confirm = linkIn((await mailsTo('leave@example.jp'))[0]!.body_text, 'confirm')
    expect((await t.app.request(confirm)).status).toBe(404)
  })
})

describe('announcing a change', () => {
  it('mails confirmed subscribers of the topic only, each in their language, with the unsubscribe link that works', async () => {
    await t.db.deleteFrom('guide_subscriptions').execute()
    await t.db.deleteFrom('mail_outbox').execute()
    const emails = { ja: 'ja@example.jp', en: 'en@example.jp', pending: 'pending@example.jp', gone: 'gone@example.jp', other: 'other@example.jp' }
    await register({ email: emails.ja, topics: ['choosing', 'using'], language: 'ja' })
    await register({ email: emails.en, topics: 'using', language: 'en' })
    await register({ email: emails.pending, topics: 'using', language: 'ja' })
    await register({ email: emails.gone, topics: 'using', language: 'ja' })
    await register({ email: emails.other, topics: 'checklist', language: 'ja' })
    await t.db.updateTable('guide_subscriptions').set({ status: 'confirmed', confirmed_at: t.clock.now() }).where('email', 'in', [emails.ja, emails.en, emails.gone, emails.other]).execute()
    await t.db.updateTable('guide_subscriptions').set({ status: 'unsubscribed', unsubscribed_at: t.clock.now() }).where('email', '=', emails.gone).execute()
    await t.db.deleteFrom('mail_outbox').execute()

    const result = await t.db.transaction().execute((trx) => announceGuideChange(trx, { topic: 'using', noteJa: '初期パスワードの項を追加', noteEn: 'Added a section on default passwords', by: admin.id, now: t.clock.now(), publicUrl: 'http://keikai.test' }))
    expect(result.notified).toBe(2)
    expect(await t.db.selectFrom('guide_revisions').select(['topic', 'note_en']).where('id', '=', result.revisionId).executeTakeFirst()).toEqual({ topic: 'using', note_en: 'Added a section on default passwords' })
    const outbox = await t.db.selectFrom('mail_outbox').selectAll().orderBy('to_address').execute()
    expect(outbox.map((m) => m.to_address)).toEqual([emails.en, emails.ja])
    const [en, ja] = outbox
    expect(en!.body_text).toContain('Added a section on default passwords')
    expect(en!.body_text).toContain('http://keikai.test/guides/consumers/using?lang=en')
    expect(ja!.body_text).toContain('初期パスワードの項を追加')
    expect(ja!.subject).toContain('安全な使い方ガイド')
    for (const m of outbox) expect(m.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Unsubscribe': expect.stringMatching(/^<http:\/\/keikai\.test\/guides\/updates\/unsubscribe\//) })
    // The newest mail's link unsubscribes.
    const res = await t.app.request(linkIn(en!.body_text, 'unsubscribe'), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(200)
    expect((await subscription(emails.en)).status).toBe('unsubscribed')
  })

  it('lets an administrator announce from the subscribers page', async () => {
    await t.db.deleteFrom('mail_outbox').execute()
    const announce = (fields: Record<string, string>) => t.app.request('/guides/updates/announcements', {
      method: 'POST', body: new URLSearchParams(fields), headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    })
    const refused = await announce({ topic: 'using', noteJa: '', noteEn: 'kept note' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('kept note')
    const res = await announce({ topic: 'using', noteJa: '改訂', noteEn: 'Revised' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/guides/updates/subscribers?announced=1')
    expect((await t.db.selectFrom('mail_outbox').select('to_address').execute()).map((m) => m.to_address)).toEqual(['ja@example.jp'])
  })

  it('shows addresses on the administrators\' subscribers page and on no other page', async () => {
    const listed = await admin.api.get('/guides/updates/subscribers')
    expect(listed.status).toBe(200)
    expect(listed.text).toContain('ja@example.jp')
    expect(listed.text).toContain('pending@example.jp')
    expect((await coordinator.api.get('/guides/updates/subscribers')).status).toBe(404)
    expect((await admin.api.get('/guides/effect')).text).toContain('href="/guides/updates/subscribers"')
    expect((await coordinator.api.get('/guides/effect')).text).not.toContain('href="/guides/updates/subscribers"')
    for (const path of ['/guides/updates', '/guides', '/guides/effect', '/guides/effect.csv', '/api/v1/guides/effect', '/guides/channels']) {
      const res = await coordinator.api.get(path)
      expect(res.status, path).toBe(200)
      expect(res.text, path).not.toContain('@example.jp')
    }
  })
})

describe('delivering a notice', () => {
  it('reaches the SMTP server with List-Unsubscribe and List-Unsubscribe-Post headers', async () => {
    await t.db.deleteFrom('mail_outbox').execute()
    peer.received.length = 0
    await register({ email: 'smtp@example.jp', topics: 'checklist', language: 'en' })
    expect(await deliverDueMail(t.deps)).toBe(1)
    const [mail] = peer.received
    const raw = mail!.raw.toString('utf8').replace(/\r\n[ \t]+/g, ' ')
    const link = mail!.text.match(/http:\/\/keikai\.test\/guides\/updates\/unsubscribe\/[A-Za-z0-9_-]{43}/)![0]
    expect(raw).toMatch(new RegExp(`^List-Unsubscribe: <${link.replace(/[.?/]/g, '\\$&')}>\\r?$`, 'm'))
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
  })
})
