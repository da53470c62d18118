import * as openpgp from 'openpgp'
import type { DB } from '../platform/db/database.js'
import type { Config } from '../platform/config.js'
import { signingKeyLoader } from '../platform/signing-keys.js'

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

const loadKey = signingKeyLoader(
  { purpose: 'csaf', name: 'CSAF provider key', fileVariable: 'KEIKAI_CSAF_KEY_FILE', passphraseVariable: 'KEIKAI_CSAF_KEY_PASSPHRASE' },
  csafKeyOf,
)

/**
 * The provider key: the armored private key in `KEIKAI_CSAF_KEY_FILE` when configured, otherwise
 * the one kept in the database under purpose `csaf` (beside the mail key, never the same),
 * made on first use (see `signingKeyLoader`).
 */
export function loadCsafKey(db: DB, config: KeyConfig, now: Date): Promise<CsafKey> {
  return loadKey(db, { file: config.csafKeyFile, passphrase: config.csafKeyPassphrase, userId: userIdOf(config) }, now)
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
