import { readFile } from 'node:fs/promises'
import * as openpgp from 'openpgp'
import type { DB } from '../db/database.js'
import type { Config } from '../config.js'
import { formatFingerprint } from './openpgp-keys.js'
import './platform-key.tables.js'

/**
 * The platform's OpenPGP key: mail to recipients with a key is signed with it (and encrypted to
 * theirs); its public half is published at /.well-known/openpgp-key.asc. Reusable for anything else
 * keikai signs (CSAF documents).
 */
export type PlatformKey = {
  /** Upper-case hex in groups of four. */
  fingerprint: string
  publicArmored: string
  /** A detached, armored signature over the exact bytes of `data` (UTF-8 for a string), like `gpg --detach-sign --armor`. */
  sign: (data: string | Uint8Array, date?: Date) => Promise<string>
  /** `data` signed with the platform key and encrypted to every key in `recipients`, armored. */
  signAndEncrypt: (data: string | Uint8Array, recipients: openpgp.PublicKey[], date?: Date) => Promise<string>
}

type KeyConfig = Pick<Config, 'mailFrom' | 'openpgpPrivateKeyFile' | 'keyPassphrase'>

/** One load per database and configuration: unlocking a key is not free, and the key never changes while running. */
const loaded = new WeakMap<object, Map<string, Promise<PlatformKey>>>()

/**
 * The platform key: from `KEIKAI_OPENPGP_PRIVATE_KEY_FILE` when configured, otherwise the one kept
 * in the database, made on first use (curve25519, user id from MAIL_FROM, created at `now`). Two
 * processes starting together agree on one key: the first insert wins and both read it back.
 */
export function loadPlatformKey(db: DB, config: KeyConfig, now: Date = new Date()): Promise<PlatformKey> {
  let perConfig = loaded.get(db)
  if (!perConfig) loaded.set(db, (perConfig = new Map()))
  const cacheKey = `${config.openpgpPrivateKeyFile ?? ''}\u0000${config.keyPassphrase ?? ''}\u0000${config.mailFrom}`
  let key = perConfig.get(cacheKey)
  if (!key) {
    key = (config.openpgpPrivateKeyFile ? keyFromFile(config.openpgpPrivateKeyFile, config.keyPassphrase) : keyFromDatabase(db, config, now))
      .then(platformKeyOf)
    // A failure (a wrong passphrase, an unreadable file) is not remembered: the next call tries again.
    key.catch(() => perConfig.delete(cacheKey))
    perConfig.set(cacheKey, key)
  }
  return key
}

async function keyFromFile(path: string, passphrase: string | undefined): Promise<openpgp.PrivateKey> {
  let armored: string
  try {
    armored = await readFile(path, 'utf8')
  } catch (error) {
    throw new Error(`KEIKAI_OPENPGP_PRIVATE_KEY_FILE (${path}) cannot be read: ${(error as Error).message}`)
  }
  return unlock(await openpgp.readPrivateKey({ armoredKey: armored }), passphrase, 'KEIKAI_OPENPGP_PRIVATE_KEY_FILE')
}

async function keyFromDatabase(db: DB, config: KeyConfig, now: Date): Promise<openpgp.PrivateKey> {
  let row = await db.selectFrom('platform_keys').select('private_key').where('purpose', '=', 'openpgp').executeTakeFirst()
  if (!row) {
    const made = await openpgp.generateKey({
      type: 'ecc', curve: 'curve25519Legacy', userIDs: [userIdOf(config.mailFrom)], date: now,
      passphrase: config.keyPassphrase, format: 'object',
    })
    await db.insertInto('platform_keys').values({
      purpose: 'openpgp', fingerprint: made.publicKey.getFingerprint(), public_key: made.publicKey.armor(),
      private_key: made.privateKey.armor(), created_at: now,
    }).onConflict((oc) => oc.column('purpose').doNothing()).execute()
    row = await db.selectFrom('platform_keys').select('private_key').where('purpose', '=', 'openpgp').executeTakeFirstOrThrow()
  }
  return unlock(await openpgp.readPrivateKey({ armoredKey: row.private_key }), config.keyPassphrase, 'the platform key in the database')
}

async function unlock(key: openpgp.PrivateKey, passphrase: string | undefined, where: string): Promise<openpgp.PrivateKey> {
  if (key.isDecrypted()) return key
  if (!passphrase) throw new Error(`${where} is protected by a passphrase: set KEIKAI_KEY_PASSPHRASE`)
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase })
  } catch {
    throw new Error(`KEIKAI_KEY_PASSPHRASE does not unlock ${where}`)
  }
}

function platformKeyOf(privateKey: openpgp.PrivateKey): PlatformKey {
  const bytes = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data)
  return {
    fingerprint: formatFingerprint(privateKey.getFingerprint()),
    publicArmored: privateKey.toPublic().armor(),
    sign: async (data, date) => openpgp.sign({
      message: await openpgp.createMessage({ binary: bytes(data) }), signingKeys: privateKey, detached: true, date,
    }),
    signAndEncrypt: async (data, recipients, date) => openpgp.encrypt({
      message: await openpgp.createMessage({ binary: bytes(data), date }), encryptionKeys: recipients, signingKeys: privateKey, date,
    }),
  }
}

/** `keikai <no-reply@keikai.example>` → { name: 'keikai', email: 'no-reply@keikai.example' }. */
function userIdOf(mailFrom: string): openpgp.UserID {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom)
  if (match) return { name: match[1] || undefined, email: match[2]!.trim() }
  return { email: mailFrom.trim() }
}
