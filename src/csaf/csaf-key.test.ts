import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as openpgp from 'openpgp'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { loadCsafKey } from './csaf-key.js'
import { scheduleAdvisoryAt } from './csaf.test-support.js'

/** The provider key: made once and shared through the database, or given by configuration and never stored. */
const apps: TestApp[] = []
afterAll(async () => { for (const t of apps) await t.close() })

async function app(env: Record<string, string> = {}) {
  const t = await setupTestApp({ now: '2026-04-01T01:00:00Z', env })
  apps.push(t)
  return t
}
const storedCsafKeys = (t: TestApp) => t.db.selectFrom('platform_keys').selectAll().where('purpose', '=', 'csaf')
const publishedFingerprint = async (t: TestApp) =>
  ((await (await t.app.request('/.well-known/csaf/provider-metadata.json')).json()) as { public_openpgp_keys: Array<{ fingerprint: string }> }).public_openpgp_keys[0]!.fingerprint

describe('the CSAF provider key', () => {
  let configured: { fingerprint: string; armored: string; path: string }
  beforeAll(async () => {
    const made = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'csaf@example.test' }], passphrase: 'correct horse', format: 'armored', date: new Date('2026-01-01T00:00:00Z') })
    const path = join(mkdtempSync(join(tmpdir(), 'keikai-csaf-')), 'csaf-key.asc')
    writeFileSync(path, made.privateKey)
    configured = { fingerprint: (await openpgp.readKey({ armoredKey: made.publicKey })).getFingerprint().toUpperCase(), armored: made.publicKey, path }
  })

  it('is made on first use, kept in the database encrypted with the passphrase, and published', async () => {
    const t = await app({ KEIKAI_CSAF_KEY_PASSPHRASE: 'kept secret' })
    expect(await storedCsafKeys(t).execute()).toEqual([])
    const fingerprint = await publishedFingerprint(t)
    const row = await storedCsafKeys(t).executeTakeFirstOrThrow()
    expect(row.fingerprint.toUpperCase()).toBe(fingerprint)
    expect((await openpgp.readPrivateKey({ armoredKey: row.private_key })).isDecrypted()).toBe(false)
    expect(await publishedFingerprint(t)).toBe(fingerprint)
  })

  it('a key another process already stored is the one every process publishes and signs with', async () => {
    const t = await app()
    const other = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'other@example.test' }], format: 'object', date: new Date('2026-03-01T00:00:00Z') })
    const fingerprint = other.publicKey.getFingerprint().toUpperCase()
    await t.db.insertInto('platform_keys').values({ purpose: 'csaf', fingerprint, public_key: other.publicKey.armor(), private_key: other.privateKey.armor(), created_at: new Date('2026-03-01T00:00:00Z') }).execute()
    expect(await publishedFingerprint(t)).toBe(fingerprint)
  })

  it('is its own key, not the mail key: two keys in two rows of the platform keys', async () => {
    const t = await app({ MAIL_FROM: 'keikai <no-reply@keikai.test>' })
    const csafFingerprint = await publishedFingerprint(t)
    const mailKey = await openpgp.readKey({ armoredKey: await (await t.app.request('/.well-known/openpgp-key.asc')).text() })
    expect(mailKey.getFingerprint().toUpperCase()).not.toBe(csafFingerprint)
    const rows = await t.db.selectFrom('platform_keys').select(['purpose', 'fingerprint']).orderBy('purpose').execute()
    expect(rows).toEqual([{ purpose: 'csaf', fingerprint: csafFingerprint.toLowerCase() }, { purpose: 'openpgp', fingerprint: mailKey.getFingerprint() }])
    const csafKey = await openpgp.readKey({ armoredKey: await (await t.app.request(`/.well-known/csaf/openpgp/${csafFingerprint}.asc`)).text() })
    expect(csafKey.getUserIDs()).toEqual(['CSAF provider keikai.test <no-reply@keikai.test>'])
    expect(mailKey.getUserIDs()).toEqual(['keikai <no-reply@keikai.test>'])
  })

  it('a configured key file is used (with its passphrase), published under its fingerprint, and never stored', async () => {
    const t = await app({ KEIKAI_CSAF_KEY_FILE: configured.path, KEIKAI_CSAF_KEY_PASSPHRASE: 'correct horse' })
    const { identifier } = await scheduleAdvisoryAt(t, '2026-04-01T01:00:00Z', '設定鍵ルータ', 'CVE-2026-50001')
    expect(await publishedFingerprint(t)).toBe(configured.fingerprint)
    const published = await (await t.app.request(`/.well-known/csaf/openpgp/${configured.fingerprint}.asc`)).text()
    expect((await openpgp.readKey({ armoredKey: published })).getFingerprint().toUpperCase()).toBe(configured.fingerprint)
    const path = `/.well-known/csaf/white/2026/${identifier.toLowerCase().replace('#', '_')}.json`
    const bytes = new Uint8Array(await (await t.app.request(path)).arrayBuffer())
    const signature = await openpgp.readSignature({ armoredSignature: await (await t.app.request(`${path}.asc`)).text() })
    const verified = await openpgp.verify({ message: await openpgp.createMessage({ binary: bytes }), signature, verificationKeys: await openpgp.readKey({ armoredKey: configured.armored }), date: t.clock.now() })
    await expect(verified.signatures[0]!.verified).resolves.toBe(true)
    expect(await storedCsafKeys(t).execute()).toEqual([])
  })

  it('a wrong passphrase or an unreadable file is refused with the variable to fix', async () => {
    const t = apps[0] ?? await app()
    await expect(loadCsafKey(t.db, { ...t.config, csafKeyFile: configured.path, csafKeyPassphrase: 'wrong' }, t.clock.now())).rejects.toThrow(/KEIKAI_CSAF_KEY_PASSPHRASE does not unlock KEIKAI_CSAF_KEY_FILE/)
    await expect(loadCsafKey(t.db, { ...t.config, csafKeyFile: configured.path, csafKeyPassphrase: undefined }, t.clock.now())).rejects.toThrow(/set KEIKAI_CSAF_KEY_PASSPHRASE/)
    await expect(loadCsafKey(t.db, { ...t.config, csafKeyFile: '/nonexistent/key.asc' }, t.clock.now())).rejects.toThrow(/KEIKAI_CSAF_KEY_FILE \(\/nonexistent\/key.asc\) cannot be read/)
  })
})
