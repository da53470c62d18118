import pg from 'pg'
import { log } from '../log.js'

/** The channel the triggers of migration 0023 notify on every change the public may see. */
export const PUBLIC_CHANGES_CHANNEL = 'keikai_public_changes'

/**
 * Tells `onChange` whenever what the public may see might have changed: every `pollMs` (it reads
 * `public_changes.generation`, one small query), and on PostgreSQL also at once, on each NOTIFY
 * from any process (its own connection, reconnecting after a loss). Polling alone bounds the delay;
 * LISTEN makes it instant. `onChange` must be cheap when nothing changed.
 */
export function watchPublicChanges(o: { onChange: () => Promise<void>; databaseUrl?: string; pollMs?: number }): { stop: () => Promise<void> } {
  let stopped = false
  const poll = setInterval(() => void o.onChange(), o.pollMs ?? 250)
  poll.unref()
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | null = null

  const listen = async () => {
    if (stopped || !o.databaseUrl) return
    const c = new pg.Client({ connectionString: o.databaseUrl })
    client = c
    const again = (why: string) => {
      if (stopped || client !== c) return
      client = null
      log.error('public changes listener lost; reconnecting', { why })
      c.end().catch(() => {})
      retry = setTimeout(() => void listen(), 1000)
      retry.unref()
    }
    c.on('error', (e) => again(e.message))
    c.on('end', () => again('connection ended'))
    c.on('notification', () => void o.onChange())
    try {
      await c.connect()
      await c.query(`listen ${PUBLIC_CHANGES_CHANNEL}`)
      // Anything that changed while the listener was away is caught by this one read.
      await o.onChange()
    } catch (e) {
      again(e instanceof Error ? e.message : String(e))
    }
  }
  void listen()

  return {
    stop: async () => {
      stopped = true
      clearInterval(poll)
      if (retry) clearTimeout(retry)
      const c = client
      client = null
      await c?.end().catch(() => {})
    },
  }
}
