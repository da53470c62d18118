import * as openpgp from 'openpgp'
import { z } from 'zod'
import { blankToUndefined, fieldDetails } from '../http/validate.js'
import { errors } from '../errors.js'

/**
 * An optional armored OpenPGP public key as pasted into a form or given in the API. Only its size is
 * checked here; whether it is a usable key is `requireUsablePublicKey`'s job (it needs the time).
 */
export const pgpPublicKeyField = z.preprocess(blankToUndefined, z.string().trim().max(100_000).optional())

/** Why a pasted key cannot be used to encrypt mail. */
export type PublicKeyProblem = 'unreadable' | 'several_keys' | 'private' | 'invalid' | 'revoked' | 'expired' | 'no_encryption_key'

/** What a person checking a key wants to see: its fingerprint and until when it is valid. */
export type PublicKeyFacts = { fingerprint: string; expiresAt: Date | null }

export type PublicKeyCheck =
  | { usable: true; key: openpgp.PublicKey; facts: PublicKeyFacts }
  | { usable: false; problem: PublicKeyProblem; facts?: PublicKeyFacts }

/**
 * Reads one armored OpenPGP public key and tells whether mail can be encrypted to it at `now`:
 * exactly one key, public (a pasted private key is refused, not stored), not revoked, not expired,
 * with a valid self-signature and a (sub)key that may encrypt.
 */
export async function checkPublicKey(armored: string, now: Date): Promise<PublicKeyCheck> {
  // openpgp reads the first armored block only; a second one pasted after it would be stored unseen.
  if ((armored.match(/-----BEGIN PGP /g) ?? []).length > 1) return { usable: false, problem: 'several_keys' }
  let keys: openpgp.Key[]
  try {
    keys = await openpgp.readKeys({ armoredKeys: armored })
  } catch {
    return { usable: false, problem: 'unreadable' }
  }
  if (keys.length !== 1) return { usable: false, problem: keys.length === 0 ? 'unreadable' : 'several_keys' }
  const key = keys[0]!
  if (key.isPrivate()) return { usable: false, problem: 'private' }
  const facts = await factsOf(key)
  if (await key.isRevoked(undefined, undefined, now).catch(() => false)) return { usable: false, problem: 'revoked', facts }
  if (facts.expiresAt && facts.expiresAt <= now) return { usable: false, problem: 'expired', facts }
  try {
    await key.verifyPrimaryKey(now)
  } catch {
    return { usable: false, problem: 'invalid', facts }
  }
  try {
    await key.getEncryptionKey(undefined, now)
  } catch {
    return { usable: false, problem: 'no_encryption_key', facts }
  }
  return { usable: true, key: key as openpgp.PublicKey, facts }
}

/**
 * Refuses a key that cannot be used, as a `request.invalid` error on `field` whose message says why
 * as a catalogue key (`pgp.problem.expired` with its date), shown in the reader's language.
 * Returns the key's facts for the caller to show.
 */
export async function requireUsablePublicKey(armored: string, now: Date, field: string): Promise<PublicKeyFacts> {
  const check = await checkPublicKey(armored, now)
  if (check.usable) return check.facts
  const params = { date: check.facts?.expiresAt?.toISOString().slice(0, 10) ?? '' }
  throw errors.invalidInput({ ...fieldDetails({ [field]: { key: `pgp.problem.${check.problem}`, params } }), pgpKeyProblem: check.problem })
}

/** Fingerprint and expiry of an armored key, or null when it does not read as one key. For display only. */
export async function describePublicKey(armored: string): Promise<PublicKeyFacts | null> {
  try {
    const keys = await openpgp.readKeys({ armoredKeys: armored })
    return keys.length === 1 ? await factsOf(keys[0]!) : null
  } catch {
    return null
  }
}

async function factsOf(key: openpgp.Key): Promise<PublicKeyFacts> {
  const expiry = await key.getExpirationTime().catch(() => null)
  return { fingerprint: formatFingerprint(key.getFingerprint()), expiresAt: expiry instanceof Date ? expiry : null }
}

/** `ABCD 1234 …`: the way people compare fingerprints read aloud or on paper. */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ')
}
