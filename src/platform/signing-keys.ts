import { readFile } from 'node:fs/promises'
import * as openpgp from 'openpgp'
import type { DB } from './db/database.js'
import './signing-keys.tables.js'

/** One of keikai's own OpenPGP keys: its row in `platform_keys`, and how errors name it and its settings. */
export type KeyKind = {
  /** Its row in `platform_keys`: `openpgp` (mail), `csaf` (CSAF documents). */
  purpose: string
  /** In errors about the stored key: `the ${name} in the database`. */
  name: string
  /** The environment variables of the key file and the passphrase, so an error says what to fix. */
  fileVariable: string
  passphraseVariable: string
}

/** The configuration of one load: a key file (instead of the stored key), its passphrase, the user id a key made now gets. */
export type KeySettings = { file: string | undefined; passphrase: string | undefined; userId: openpgp.UserID }

/**
 * Loads the private key of `kind` and shapes it with `shape`: the armored key in the configured
 * file when there is one (never stored), otherwise the one kept in `platform_keys`, made on first
 * use (curve25519, created at `now`, encrypted with the passphrase when one is configured). Two
 * processes starting together agree on one key: the first insert wins and both read it back.
 * One load per database and configuration: unlocking is not free, and the key never changes while
 * running; a failure (a wrong passphrase, an unreadable file) is not remembered.
 */
export function signingKeyLoader<T>(kind: KeyKind, shape: (key: openpgp.PrivateKey) => T) {
  const loaded = new WeakMap<object, Map<string, Promise<T>>>()
  return (db: DB, settings: KeySettings, now: Date): Promise<T> => {
    let perConfig = loaded.get(db)
    if (!perConfig) loaded.set(db, (perConfig = new Map()))
    const cacheKey = JSON.stringify([settings.file ?? '', settings.passphrase ?? '', settings.userId])
    let key = perConfig.get(cacheKey)
    if (!key) {
      key = (settings.file ? keyFromFile(kind, settings.file, settings.passphrase) : keyFromDatabase(db, kind, settings, now)).then(shape)
      key.catch(() => perConfig.delete(cacheKey))
      perConfig.set(cacheKey, key)
    }
    return key
  }
}

async function keyFromFile(kind: KeyKind, path: string, passphrase: string | undefined): Promise<openpgp.PrivateKey> {
  let armored: string
  try {
    armored = await readFile(path, 'utf8')
  } catch (error) {
    throw new Error(`${kind.fileVariable} (${path}) cannot be read: ${(error as Error).message}`)
  }
  return unlock(await openpgp.readPrivateKey({ armoredKey: armored }), passphrase, kind, kind.fileVariable)
}

async function keyFromDatabase(db: DB, kind: KeyKind, settings: KeySettings, now: Date): Promise<openpgp.PrivateKey> {
  const stored = () => db.selectFrom('platform_keys').select('private_key').where('purpose', '=', kind.purpose)
  let row = await stored().executeTakeFirst()
  if (!row) {
    const made = await openpgp.generateKey({
      type: 'ecc', curve: 'curve25519Legacy', userIDs: [settings.userId], date: now,
      passphrase: settings.passphrase, format: 'object',
    })
    await db.insertInto('platform_keys').values({
      purpose: kind.purpose, fingerprint: made.publicKey.getFingerprint(), public_key: made.publicKey.armor(),
      private_key: made.privateKey.armor(), created_at: now,
    }).onConflict((oc) => oc.column('purpose').doNothing()).execute()
    row = await stored().executeTakeFirstOrThrow()
  }
  return unlock(await openpgp.readPrivateKey({ armoredKey: row.private_key }), settings.passphrase, kind, `the ${kind.name} in the database`)
}

async function unlock(key: openpgp.PrivateKey, passphrase: string | undefined, kind: KeyKind, where: string): Promise<openpgp.PrivateKey> {
  if (key.isDecrypted()) return key
  if (!passphrase) throw new Error(`${where} is protected by a passphrase: set ${kind.passphraseVariable}`)
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase })
  } catch {
    throw new Error(`${kind.passphraseVariable} does not unlock ${where}`)
  }
}
