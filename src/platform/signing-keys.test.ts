import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as openpgp from 'openpgp'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { signingKeyLoader } from './signing-keys.js'
import { loadPlatformKey } from './mail/platform-key.js'

/** keikai's own keys, one row of `platform_keys` per purpose: made once, shared by processes, or read from a configured file. */
let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const kind = { purpose: 'test-race', name: 'test key', fileVariable: 'KEIKAI_TEST_KEY_FILE', passphraseVariable: 'KEIKAI_TEST_KEY_PASSPHRASE' }
const fingerprintOf = (key: openpgp.PrivateKey) => key.getFingerprint()

describe('the keys keikai keeps for itself', () => {
  it('two processes making the key at the same moment end up with one key, the one stored', async () => {
    // Two loaders are two processes: neither sees the other's cache, both find no row and make a key.
    const first = signingKeyLoader(kind, fingerprintOf)
    const second = signingKeyLoader(kind, fingerprintOf)
    const now = t.clock.now()
    const [a, b] = await Promise.all([
      first(t.db, { file: undefined, passphrase: 'shared secret', userId: { email: 'a@keikai.test' } }, now),
      second(t.db, { file: undefined, passphrase: 'shared secret', userId: { email: 'b@keikai.test' } }, now),
    ])
    expect(a).toBe(b)
    const rows = await t.db.selectFrom('platform_keys').selectAll().where('purpose', '=', kind.purpose).execute()
    expect(rows.map((row) => row.fingerprint)).toEqual([a])
    expect((await openpgp.readPrivateKey({ armoredKey: rows[0]!.private_key })).isDecrypted()).toBe(false)
    await expect(signingKeyLoader(kind, fingerprintOf)(t.db, { file: undefined, passphrase: undefined, userId: { email: 'c@keikai.test' } }, now))
      .rejects.toThrow('the test key in the database is protected by a passphrase: set KEIKAI_TEST_KEY_PASSPHRASE')
  })

  it('the platform key file names its variables when it cannot be read or unlocked, and a failure is not remembered', async () => {
    const made = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'platform@example.test' }], passphrase: 'correct horse', format: 'armored' })
    const path = join(mkdtempSync(join(tmpdir(), 'keikai-platform-')), 'platform-key.asc')
    const config = { ...t.config, openpgpPrivateKeyFile: path, keyPassphrase: 'correct horse' }
    await expect(loadPlatformKey(t.db, config)).rejects.toThrow(`KEIKAI_OPENPGP_PRIVATE_KEY_FILE (${path}) cannot be read`)
    writeFileSync(path, made.privateKey)
    await expect(loadPlatformKey(t.db, { ...config, keyPassphrase: 'wrong' })).rejects.toThrow('KEIKAI_KEY_PASSPHRASE does not unlock KEIKAI_OPENPGP_PRIVATE_KEY_FILE')
    await expect(loadPlatformKey(t.db, { ...config, keyPassphrase: undefined })).rejects.toThrow('KEIKAI_OPENPGP_PRIVATE_KEY_FILE is protected by a passphrase: set KEIKAI_KEY_PASSPHRASE')
    const key = await loadPlatformKey(t.db, config)
    expect(key.fingerprint.replace(/ /g, '').toLowerCase()).toBe((await openpgp.readKey({ armoredKey: made.publicKey })).getFingerprint())
    expect(await t.db.selectFrom('platform_keys').selectAll().where('purpose', '=', 'openpgp').execute()).toEqual([])
  })
})
