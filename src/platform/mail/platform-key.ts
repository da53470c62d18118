import * as openpgp from 'openpgp'
import type { DB } from '../db/database.js'
import type { Config } from '../config.js'
import { signingKeyLoader } from '../signing-keys.js'
import { formatFingerprint } from './openpgp-keys.js'

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

const loadKey = signingKeyLoader(
  { purpose: 'openpgp', name: 'platform key', fileVariable: 'KEIKAI_OPENPGP_PRIVATE_KEY_FILE', passphraseVariable: 'KEIKAI_KEY_PASSPHRASE' },
  platformKeyOf,
)

/**
 * The platform key: from `KEIKAI_OPENPGP_PRIVATE_KEY_FILE` when configured, otherwise the one kept
 * in the database under purpose `openpgp`, made on first use with the user id from MAIL_FROM
 * (see `signingKeyLoader`).
 */
export function loadPlatformKey(db: DB, config: KeyConfig, now: Date = new Date()): Promise<PlatformKey> {
  return loadKey(db, { file: config.openpgpPrivateKeyFile, passphrase: config.keyPassphrase, userId: userIdOf(config.mailFrom) }, now)
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
