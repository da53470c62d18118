import { randomUUID } from 'node:crypto'

/** What a proxy or client may hand us as `X-Request-Id`: short and harmless in a log line or a header. */
const SANE = /^[A-Za-z0-9._-]{1,64}$/

/** The caller's request id when it is sane, otherwise a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && SANE.test(header) ? header : randomUUID()
}
