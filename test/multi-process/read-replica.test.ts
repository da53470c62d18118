import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js'
import { draftBody, jsonRequest, seedProductCase } from '../../src/advisories/test-factories.js'
import { startKeikai } from '../support/keikai-process.js'
import { withDatabase } from '../support/global-setup.js'

/**
 * keikai with `DATABASE_READ_URL` pointing at a streaming replica of its PostgreSQL (issue 12): the
 * cached public pages are read from the replica, and a page rendered while the replica lags behind
 * a change is served but never kept, so the cache cannot hold the old page once the replica
 * catches up. Runs where CI starts a replica beside the test server (TEST_DATABASE_READ_URL).
 */
const primaryUrl = process.env.TEST_DATABASE_URL
const replicaUrl = process.env.TEST_DATABASE_READ_URL

async function onReplica(sql: string) {
  const c = new pg.Client({ connectionString: replicaUrl })
  await c.connect()
  try { return (await c.query(sql)).rows } finally { await c.end() }
}

describe.runIf(primaryUrl && replicaUrl)('keikai reading its public pages from a read replica', () => {
  const name = `keikai_replica_${randomBytes(4).toString('hex')}`
  let handle: DatabaseHandle
  let server: ChildProcess
  let base: string

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: primaryUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const lsn = (await admin.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn
    await admin.end()
    // The new database reaches the replica with the WAL: wait until the replica has replayed past it.
    // On a busy CI machine (other test files copying template databases) that can take many seconds.
    const deadline = Date.now() + 90_000
    for (;;) {
      const [row] = await onReplica(`select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as caught_up`)
      if (row?.caught_up) break
      if (Date.now() > deadline) throw new Error(`the replica has not replayed ${lsn} after 90 s`)
      await new Promise((r) => setTimeout(r, 100))
    }
    for (let i = 0; ; i++) {
      const c = new pg.Client({ connectionString: withDatabase(replicaUrl!, name) })
      try { await c.connect(); await c.end(); break } catch (e) { if (i > 100) throw e }
      await new Promise((r) => setTimeout(r, 100))
    }
    const started = await startKeikai({ DATABASE_URL: withDatabase(primaryUrl!, name), DATABASE_READ_URL: withDatabase(replicaUrl!, name) })
    server = started.child
    base = started.base
    handle = await openDatabase({ databaseUrl: withDatabase(primaryUrl!, name) })
  }, 120_000)

  afterAll(async () => {
    await onReplica('select pg_wal_replay_resume()').catch(() => {})
    server?.kill('SIGTERM')
    if (server && server.exitCode === null) await new Promise((r) => server.once('exit', r))
    await handle?.close()
    const admin = new pg.Client({ connectionString: primaryUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  })

  it('serves what the replica has, never keeps a page the replica rendered before it caught up, and shows the change once it has', async () => {
    const seed = await seedProductCase(handle.db, new Date())
    const draft = { ...draftBody(seed), title: { ja: 'レプリカ確認用の勧告', en: 'An advisory read from the replica' } }
    expect((await fetch(`${base}/api/v1/cases/${seed.caseId}/advisory`, jsonRequest('PUT', draft, seed.coordinator.token))).status).toBe(200)
    const scheduled = await fetch(`${base}/api/v1/cases/${seed.caseId}/advisory/schedule`, jsonRequest('POST', { publishAt: new Date().toISOString() }, seed.coordinator.token))
    expect(scheduled.status).toBe(200)
    const slug = (await scheduled.json() as { identifier: string }).identifier.replace('#', '')
    const page = async () => (await fetch(`${base}/advisories/${slug}`)).text()
    const until = async (what: (body: string) => boolean) => {
      const started = performance.now()
      for (;;) {
        if (what(await page())) return performance.now() - started
        expect(performance.now() - started).toBeLessThan(5000)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    await until((b) => b.includes('レプリカ確認用の勧告'))
    // A revision needs the publication recorded (the worker's next tick).
    for (let i = 0; (await handle.db.selectFrom('advisories').select('status').where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()).status !== 'published'; i++) {
      expect(i).toBeLessThan(200)
      await new Promise((r) => setTimeout(r, 50))
    }

    // The replica stops replaying: a revision on the primary is not on the replica's pages.
    await onReplica('select pg_wal_replay_pause()')
    const revised = { ...draft, title: { ja: 'レプリカ確認用の勧告(改訂)', en: 'revised' } }
    expect((await fetch(`${base}/api/v1/cases/${seed.caseId}/advisory/revisions`, jsonRequest('POST', { note: { ja: '改訂', en: 'Revised' }, advisory: revised }, seed.coordinator.token))).status).toBe(201)
    await new Promise((r) => setTimeout(r, 600))
    for (let i = 0; i < 3; i++) expect(await page()).not.toContain('(改訂)')

    // Replaying again: the page rendered meanwhile was not kept, so the revision shows within a second.
    await onReplica('select pg_wal_replay_resume()')
    expect(await until((b) => b.includes('(改訂)'))).toBeLessThan(1000)
    const a = await fetch(`${base}/advisories/${slug}`)
    const b = await fetch(`${base}/advisories/${slug}`)
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'))
    expect(await b.text()).toContain('(改訂)')
  })
})
