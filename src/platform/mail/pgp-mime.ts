import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import MimeNode from 'nodemailer/lib/mime-node/index.js'
import type * as openpgp from 'openpgp'
import type { PlatformKey } from './platform-key.js'

export type PgpMimeMail = {
  from: string
  to: string
  /** The real subject: travels inside the encrypted part only. */
  subject: string
  /** What the outside of the envelope says instead. */
  outerSubject: string
  text: string
  messageId: string
  date: Date
  headers: Record<string, string>
}

/**
 * The whole message as RFC 3156 PGP/MIME: `multipart/encrypted; protocol="application/pgp-encrypted"`
 * with the version part and the armored OpenPGP message, signed with the platform key and
 * encrypted to `recipients`. Inside is the MIME entity the plain mail would have been, with its own
 * From, To, Subject, Date and Message-ID as protected headers; the outside subject is generic, since
 * SMTP servers on the way can read headers.
 */
export async function buildPgpMimeMessage(mail: PgpMimeMail, platformKey: PlatformKey, recipients: openpgp.PublicKey[]): Promise<Buffer> {
  const inner = await compile(new MailComposer({
    from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId, date: mail.date,
  }).compile().setHeader('Content-Type', 'text/plain; charset=utf-8; protected-headers="v1"'))
  const armored = await platformKey.signAndEncrypt(inner, recipients, mail.date)

  const root = new MimeNode('multipart/encrypted; protocol="application/pgp-encrypted"')
  root.setHeader({
    From: mail.from, To: mail.to, Subject: mail.outerSubject, Date: mail.date.toUTCString(), 'Message-ID': mail.messageId,
    ...mail.headers,
  })
  root.createChild('application/pgp-encrypted')
    .setHeader({ 'Content-Description': 'PGP/MIME version identification', 'Content-Transfer-Encoding': '7bit' })
    .setContent('Version: 1\r\n')
  root.createChild('application/octet-stream; name="encrypted.asc"')
    .setHeader({ 'Content-Description': 'OpenPGP encrypted message', 'Content-Disposition': 'inline; filename="encrypted.asc"', 'Content-Transfer-Encoding': '7bit' })
    .setContent(armored.replace(/\r?\n/g, '\r\n'))
  return compile(root)
}

function compile(node: MimeNode): Promise<Buffer> {
  return new Promise((resolve, reject) => node.build((error, message) => (error ? reject(error) : resolve(message))))
}
