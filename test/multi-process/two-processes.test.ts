import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js'
import { draftBody, jsonRequest, seedProductCase } from '../../src/advisories/test-factories.js'
import { startKeikai } from '../support/keikai-process.js'
import { withDatabase } from '../support/global-setup.js'

/**
 * Two keikai server processes behind one PostgreSQL, as behind a load balancer (issue 12): a
 * publication made through one reaches the other's cached pages within a second (NOTIFY), and the
 * background jobs both run do each piece of work once. PostgreSQL only: PGlite is one process's.
 */
const url = process.env.TEST_DATABASE_URL
describe.runIf(url)('two keikai processes on one PostgreSQL', () => {
  const name = `keikai_two_${randomBytes(4).toString('hex')}`
  let handle: DatabaseHandle
  let a: { child: ChildProcess; base: string }
  let b: { child: ChildProcess; base: string }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const databaseUrl = withDatabase(url!, name)
    // The first process migrates the empty database; the second finds it done.
    a = await startKeikai({ DATABASE_URL: databaseUrl })
    b = await startKeikai({ DATABASE_URL: databaseUrl })
    handle = await openDatabase({ databaseUrl })
  }, 120_000)

  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM')
    await Promise.all([a, b].map((p) => p && p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null))
    await handle?.close()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  })

  it('shows a publication made through one process on the other\'s cached pages within a second, and publishes it once', async () => {
    const seed = await seedProductCase(handle.db, new Date())
    const title = 'サンプルルータ WR-1000 二台構成の確認'
    const draft = { ...draftBody(seed), title: { ja: title, en: 'Sample Router WR-1000, checked on two machines' } }
    // B has the index cached, twice over, before anything is published.
    for (let i = 0; i < 2; i++) expect(await (await fetch(`${b.base}/advisories`)).text()).not.toContain(title)
    expect((await fetch(`${a.base}/api/v1/cases/${seed.caseId}/advisory`, jsonRequest('PUT', draft, seed.coordinator.token))).status).toBe(200)

    // Published a moment from now: whichever process's worker gets there first publishes it.
    const publishAt = new Date(Date.now() + 1500)
    const scheduled = await fetch(`${a.base}/api/v1/cases/${seed.caseId}/advisory/schedule`, jsonRequest('POST', { publishAt: publishAt.toISOString() }, seed.coordinator.token))
    expect(scheduled.status).toBe(200)
    const identifier = (await scheduled.json() as { identifier: string }).identifier

    // From its second on, both processes show it (B learns of the schedule from A's NOTIFY).
    await new Promise((r) => setTimeout(r, Math.max(0, publishAt.getTime() - Date.now())))
    for (const server of [a, b]) {
      const started = performance.now()
      for (;;) {
        if ((await (await fetch(`${server.base}/advisories`)).text()).includes(title)) break
        expect(performance.now() - started, 'visible within a second of its publication time').toBeLessThan(1000)
        await new Promise((r) => setTimeout(r, 20))
      }
    }

    // Both workers ran; the publication (its event, its JVN iPedia number, the finder's mail) happened once.
    const deadline = Date.now() + 15_000
    while (Date.now() < deadline) {
      const row = await handle.db.selectFrom('advisories').select(['status', 'jvndb_id']).where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
      if (row.status === 'published' && row.jvndb_id) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const published = await handle.db.selectFrom('case_events').select(['id']).where('case_id', '=', seed.caseId)
      .where('to_status', '=', 'published').execute()
    expect(published, 'one publication event').toHaveLength(1)
    const numbers = await handle.db.selectFrom('advisories').select('jvndb_id').where('case_id', '=', seed.caseId).execute()
    expect(numbers[0]!.jvndb_id).toMatch(/^JVNDB-\d{4}-\d{6}$/)

    // A revision through B reaches A's cached detail page within a second.
    const slug = identifier.replace('#', '')
    for (let i = 0; i < 2; i++) expect((await fetch(`${a.base}/advisories/${slug}`)).status).toBe(200)
    const revised = { ...draft, title: { ja: `${title}(改訂)`, en: 'revised' } }
    expect((await fetch(`${b.base}/api/v1/cases/${seed.caseId}/advisory/revisions`, jsonRequest('POST', { note: { ja: '改訂', en: 'Revised' }, advisory: revised }, seed.coordinator.token))).status).toBe(201)
    const started = performance.now()
    for (;;) {
      if ((await (await fetch(`${a.base}/advisories/${slug}`)).text()).includes('(改訂)')) break
      expect(performance.now() - started).toBeLessThan(1000)
      await new Promise((r) => setTimeout(r, 20))
    }
  })
})
