import { createServer, type Server } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { DB } from '../db/database.js'
import type { Clock } from '../clock.js'
import { watchPublicChanges } from '../db/public-changes.js'
import { cachedListener, PageCache } from './page-cache.js'

/** The page cache of a server process, kept right by watching public changes (poll + LISTEN on PostgreSQL). */
export async function startPageCache(o: { db: DB; readDb?: DB; clock: Clock; databaseUrl?: string; maxBytes?: number }) {
  const cache = new PageCache({ db: o.db, readDb: o.readDb, clock: o.clock, maxBytes: o.maxBytes })
  await cache.refresh()
  const watcher = watchPublicChanges({ onChange: () => cache.refresh(), databaseUrl: o.databaseUrl })
  return { cache, stop: watcher.stop }
}

/** An HTTP server for the app whose cache hits are answered before the request reaches Hono. */
export function listen(o: { fetch: (req: Request) => Response | Promise<Response>; cache: PageCache; port: number; hostname?: string }, onListening?: (port: number) => void): Server {
  const server = createServer(cachedListener(o.cache, getRequestListener(o.fetch)))
  server.listen(o.port, o.hostname, () => onListening?.((server.address() as { port: number }).port))
  return server
}
