import { readFile } from 'node:fs/promises'
import * as openpgp from 'openpgp'
import type { DB } from '../platform/db/database.js'
import type { Config } from '../platform/config.js'
import './csaf.tables.js'

/**
 * The CSAF provider's OpenPGP key (CSAF 2.0 §7.1.19–20): every document gets a detached signature
 * made with it, and its public half is published beside provider-metadata.json. Its own key, not
 * the mail key: an aggregator trusts exactly this fingerprint for exactly these documents.
 */
export type CsafKey = {
  /** Upper-case hex without spaces, as provider-metadata.json lists it. */
  fingerprint: string
  publicArmored: string
  createdAt: Date
  /** A detached, armored signature over the exact bytes, like `gpg --detach-sign --armor`. */
  sign: (bytes: Uint8Array, date: Date) => Promise<string>
}

type KeyConfig = Pick<Config, 'publicUrl' | 'mailFrom' | 'csafKeyFile' | 'csafKeyPassphrase'>

/** One load per database and configuration: unlocking is not free and the key does not change while running. */
const loaded = new WeakMap<object, Map<string, Promise<CsafKey>>>()

/**
 * The provider key: the armored private key in `KEIKAI_CSAF_KEY_FILE` when configured, otherwise
 * the one kept in the database, made on first use (curve25519, created at `now`). Processes
 * sharing one database agree on one key: the first insert wins and every process reads it back.
 */
export function loadCsafKey(db: DB, config: KeyConfig, now: Date): Promise<CsafKey> {
  let perConfig = loaded.get(db)
  if (!perConfig) loaded.set(db, (perConfig = new Map()))
  const cacheKey = `${config.csafKeyFile ?? ''}\u0000${config.csafKeyPassphrase ?? ''}`
  let key = perConfig.get(cacheKey)
  if (!key) {
    key = (config.csafKeyFile ? keyFromFile(config.csafKeyFile, config.csafKeyPassphrase) : keyFromDatabase(db, config, now)).then(csafKeyOf)
    // A failure (a wrong passphrase, an unreadable file) is not remembered: the next request tries again.
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
    throw new Error(`KEIKAI_CSAF_KEY_FILE (${path}) cannot be read: ${(error as Error).message}`)
  }
  return unlock(await openpgp.readPrivateKey({ armoredKey: armored }), passphrase, 'KEIKAI_CSAF_KEY_FILE')
}

async function keyFromDatabase(db: DB, config: KeyConfig, now: Date): Promise<openpgp.PrivateKey> {
  const stored = () => db.selectFrom('csaf_provider_key').select('private_key').where('id', '=', 'csaf').executeTakeFirst()
  let row = await stored()
  if (!row) {
    const made = await openpgp.generateKey({
      type: 'ecc', curve: 'curve25519Legacy', userIDs: [userIdOf(config)], date: now,
      passphrase: config.csafKeyPassphrase, format: 'object',
    })
    await db.insertInto('csaf_provider_key').values({
      id: 'csaf', fingerprint: made.publicKey.getFingerprint().toUpperCase(), public_key: made.publicKey.armor(),
      private_key: made.privateKey.armor(), created_at: now,
    }).onConflict((oc) => oc.column('id').doNothing()).execute()
    row = await stored()
  }
  if (!row) throw new Error('the CSAF provider key could not be stored')
  return unlock(await openpgp.readPrivateKey({ armoredKey: row.private_key }), config.csafKeyPassphrase, 'the CSAF provider key in the database')
}

async function unlock(key: openpgp.PrivateKey, passphrase: string | undefined, where: string): Promise<openpgp.PrivateKey> {
  if (key.isDecrypted()) return key
  if (!passphrase) throw new Error(`${where} is protected by a passphrase: set KEIKAI_CSAF_KEY_PASSPHRASE`)
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase })
  } catch {
    throw new Error(`KEIKAI_CSAF_KEY_PASSPHRASE does not unlock ${where}`)
  }
}

function csafKeyOf(privateKey: openpgp.PrivateKey): CsafKey {
  const createdAt = privateKey.getCreationTime()
  return {
    fingerprint: privateKey.getFingerprint().toUpperCase(),
    publicArmored: privateKey.toPublic().armor(),
    createdAt,
    // A signature may not predate its key (a test clock set back, a configured key made later).
    sign: async (bytes, date) => openpgp.sign({
      message: await openpgp.createMessage({ binary: bytes }), signingKeys: privateKey, detached: true,
      date: date < createdAt ? createdAt : date,
    }),
  }
}

/** `CSAF provider keikai.example <no-reply@keikai.example>`: the host it publishes for, the address mail comes from. */
function userIdOf(config: KeyConfig): openpgp.UserID {
  const email = /<([^>]+)>/.exec(config.mailFrom)?.[1]?.trim() ?? config.mailFrom.trim()
  return { name: `CSAF provider ${new URL(config.publicUrl).host}`, email: email || undefined }
}
