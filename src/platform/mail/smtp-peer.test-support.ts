import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'

/** `raw` is the message as it arrived, for tests that look inside (PGP/MIME). */
export type ReceivedMail = { envelopeTo: string[]; to: string; subject: string; text: string; messageId: string; autoSubmitted: string; raw: Buffer }

/**
 * A real SMTP server on 127.0.0.1 and a free port, for tests only: it records what arrives, or
 * refuses every recipient when `refuse` is set.
 */
export async function startSmtpPeer(options: { refuse?: string } = {}) {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuse) {
        const error = Object.assign(new Error(options.refuse), { responseCode: 550 })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      new Promise<Buffer>((resolve, reject) => {
        stream.on('end', () => resolve(Buffer.concat(chunks)))
        stream.on('error', reject)
      }).then(async (raw) => ({ raw, mail: await simpleParser(raw) })).then(({ raw, mail }) => {
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          messageId: mail.messageId ?? '',
          autoSubmitted: String(mail.headers.get('auto-submitted') ?? ''),
          raw,
        })
        callback()
      }, (error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as AddressInfo
  return {
    received,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpPeer = Awaited<ReturnType<typeof startSmtpPeer>>
