import { randomUUID } from 'node:crypto'

/** What a proxy or client may hand us as `X-Request-Id`: short and harmless in a log line or a header. */
const SANE = /^[A-Za-z0-9._-]{1,64}$/

/** The caller's request id when it is sane, otherwise a new one. */
export function requestIdFrom(header: string | undefined): string {
  return saneRequestId(header) ?? randomUUID()
}

/** The caller's request id when it sent a sane one, else nothing (a cached answer makes none up). */
export const saneRequestId = (header: string | undefined): string | undefined => (header && SANE.test(header) ? header : undefined)
