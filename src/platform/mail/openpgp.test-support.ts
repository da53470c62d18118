import * as openpgp from 'openpgp'
import { simpleParser } from 'mailparser'

/**
 * A recipient's key pair, made the way a recipient would (curve25519), created a day before `now`
 * so that it is valid at the test clock's time; `expiresInDays` from its creation, if given.
 */
export async function makeRecipientKey(email: string, now: Date, options: { expiresInDays?: number; createdDaysAgo?: number } = {}) {
  const date = new Date(now.getTime() - (options.createdDaysAgo ?? 1) * 86400_000)
  const key = await openpgp.generateKey({
    type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Recipient', email }], date, format: 'armored',
    keyExpirationTime: options.expiresInDays ? options.expiresInDays * 86400 : undefined,
  })
  return { publicKey: key.publicKey, privateKey: key.privateKey, revocationCertificate: key.revocationCertificate }
}

/** A public key that is revoked (as published after its owner revoked it). */
export async function revokedKey(armoredPublic: string, revocationCertificate: string, now: Date): Promise<string> {
  const { publicKey } = await openpgp.revokeKey({
    key: await openpgp.readKey({ armoredKey: armoredPublic }), revocationCertificate, date: now, format: 'armored',
  })
  return publicKey
}

/** A key that can sign but not encrypt (no encryption subkey). */
export async function signOnlyKey(email: string, now: Date): Promise<string> {
  const key = await openpgp.generateKey({
    type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email }], date: new Date(now.getTime() - 86400_000), format: 'object',
    subkeys: [{ sign: true }],
  })
  return key.publicKey.armor()
}

/**
 * Opens a delivered PGP/MIME message as its recipient would: checks the RFC 3156 structure,
 * decrypts with the recipient's private key, requires a valid signature by `signerArmored` (the
 * published platform key), and parses the MIME entity inside.
 */
export async function openEncryptedMail(raw: Buffer, recipientPrivateArmored: string, signerArmored: string) {
  const outer = await simpleParser(raw)
  const contentType = outer.headers.get('content-type') as { value: string; params: Record<string, string> }
  if (contentType.value !== 'multipart/encrypted' || contentType.params.protocol !== 'application/pgp-encrypted') {
    throw new Error(`not PGP/MIME: ${contentType.value}`)
  }
  const [version, payload] = outer.attachments
  if (version?.contentType !== 'application/pgp-encrypted' || !version.content.toString().includes('Version: 1')) throw new Error('no PGP/MIME version part')
  const decrypted = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: payload!.content.toString() }),
    decryptionKeys: await openpgp.readPrivateKey({ armoredKey: recipientPrivateArmored }),
    verificationKeys: await openpgp.readKey({ armoredKey: signerArmored }),
    expectSigned: true,
    format: 'binary',
  })
  const inner = await simpleParser(Buffer.from(decrypted.data))
  return { outerSubject: outer.subject ?? '', outerText: outer.text ?? '', subject: inner.subject ?? '', text: inner.text ?? '', signedBy: decrypted.signatures.map((s) => s.keyID.toHex()) }
}
