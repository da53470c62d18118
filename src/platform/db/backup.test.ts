import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { createUser, type TestUser } from '../../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../../test/support/story.js'
import { walkToNotifiedOperator } from '../../../test/support/website-story.js'
import { backend, freshDatabase } from '../../../test/support/database.js'
import { publishDueAdvisories } from '../../advisories/publication.usecases.js'
import { createApp } from '../../app.js'
import { BackupError, restoreBackup, writeBackup } from './backup.js'
import { openDatabase, PGlite, pg_trgm, type DB, type DatabaseHandle } from './database.js'
import { migrateToLatest } from './migrate.js'

let t: TestApp
let coordinator: TestUser
let intake: TestUser
let productCase = ''
let websiteCase = ''
let slug = ''
const dir = mkdtempSync(join(tmpdir(), 'keikai-backup-'))
const file = join(dir, 'keikai.backup.gz')
const handles: DatabaseHandle[] = []
// Every byte value, so binary data that does not survive text or JSON handling is noticed.
const binary = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256))
const large = new Uint8Array(randomBytes(3 * 1024 * 1024))

async function fresh(): Promise<DatabaseHandle> {
  const handle = await freshDatabase()
  handles.push(handle)
  return handle
}

/**
 * Every table of the database (from information_schema, the migration bookkeeping included), each
 * row as PostgreSQL's own JSON of it, ordered by primary key — read independently of the backup code.
 */
async function snapshot(db: DB): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
  const result: Record<string, string[]> = {}
  for (const { name } of tables) {
    const { rows: key } = await sql<{ column: string }>`
      select k.column_name as "column" from information_schema.table_constraints c
      join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema and k.table_name = c.table_name
      where c.table_schema = current_schema() and c.table_name = ${name} and c.constraint_type = 'PRIMARY KEY' order by k.ordinal_position`.execute(db)
    const order = key.length ? sql.join(key.map((k) => sql.id(k.column))) : sql`1`
    // The migration bookkeeping records when each migration ran here: only the names must agree.
    const row = name === 'kysely_migration' ? sql`t.name` : sql`row_to_json(t)::text`
    const { rows } = await sql<{ row: string }>`select ${row} as "row" from ${sql.id(name)} as t order by ${order}`.execute(db)
    result[name] = rows.map((r) => r.row)
  }
  return result
}

/** The pages a visitor and the staff see, to compare a restored keikai with the original. */
async function pages(app: ReturnType<typeof createApp>) {
  const get = async (path: string, token?: string) => {
    const res = await app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    return `${res.status} ${await res.text()}`
  }
  return {
    advisory: await get(`/advisories/${slug}`),
    advisoryEn: await get(`/advisories/${slug}?lang=en`),
    index: await get('/advisories'),
    productCase: await get(`/api/v1/cases/${productCase}`, coordinator.token),
    websiteCase: await get(`/api/v1/cases/${websiteCase}`, intake.token),
  }
}

async function backUp(db: DB, to = file) {
  return writeBackup(db, createWriteStream(to))
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const s = await walkToNotifiedDeveloper(t)
  coordinator = s.coordinator
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statementJa: '修正版を公開しました' })
  const draft = await coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
    title: { ja: 'WR-1000 におけるクロスサイト・スクリプティング', en: 'WR-1000 vulnerable to cross-site scripting' },
    overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
    vulnerabilities: [{ titleJa: 'XSS', titleEn: 'XSS', cweId: 'CWE-79', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
    affectedProducts: [{ developer: 'サンプル電機株式会社', product: 'WR-1000', versions: '1.0.0 - 1.2.3' }],
  })
  expect(draft.status, JSON.stringify(draft.json)).toBe(200)
  const scheduled = await coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-05-15T01:00:00Z' })
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
  slug = scheduled.json.identifier.replace('#', '')
  t.clock.set('2026-05-15T01:00:00Z')
  expect(await publishDueAdvisories(t.deps)).toBe(1)
  productCase = s.caseId
  const reportId = (await t.db.selectFrom('reports').select('id').where('case_id', '=', s.caseId).executeTakeFirstOrThrow()).id
  // more attachments than one read batch of a table with binary data holds
  await t.db.insertInto('attachments').values(Array.from({ length: 40 }, (_, i) => ({
    id: crypto.randomUUID(), report_id: reportId, filename: `poc-${i}.bin`, content_type: 'application/octet-stream', size: binary.length, sha256: '0'.repeat(64), data: binary,
  }))).execute()
  // and one large one, whose backup line spans many gzip chunks
  await t.db.insertInto('attachments').values({
    id: crypto.randomUUID(), report_id: reportId, filename: 'capture.pcap', content_type: 'application/octet-stream', size: large.length, sha256: '0'.repeat(64), data: large,
  }).execute()
  const w = await walkToNotifiedOperator(t)
  intake = w.intake
  websiteCase = w.caseId
  await createUser(t, { roles: ['intake', 'coordinator', 'admin'], name: 'Many Roles' })
}, 180_000)

afterAll(async () => {
  for (const h of handles) await h.close()
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a backup restored into an empty database', () => {
  let restored: DatabaseHandle
  /** The original as the backup saw it (reading pages later marks API tokens used). */
  let original: Record<string, string[]>

  beforeAll(async () => {
    const written = await backUp(t.db)
    original = await snapshot(t.db)
    restored = await fresh()
    const rows = await restoreBackup(restored.db, createReadStream(file))
    expect(rows).toEqual(written)
  })

  it('holds every table row for row, binary data, timestamps, arrays and JSON exactly', async () => {
    const after = await snapshot(restored.db)
    expect(Object.keys(after)).toEqual(Object.keys(original))
    for (const table of Object.keys(original)) expect(after[table], table).toEqual(original[table])
    // the seeding reached the tables that are hard to get right
    for (const table of ['attachments', 'case_events', 'advisories', 'users', 'api_tokens', 'mail_outbox']) expect(original[table]!.length, table).toBeGreaterThan(0)
    const attachments = await restored.db.selectFrom('attachments').select(['filename', 'data']).execute()
    expect(attachments).toHaveLength(41)
    for (const a of attachments) expect(Buffer.from(a.data).equals(Buffer.from(a.filename === 'capture.pcap' ? large : binary)), a.filename).toBe(true)
    const roles = await restored.db.selectFrom('users').select('roles').where('display_name', '=', 'Many Roles').executeTakeFirstOrThrow()
    expect(roles.roles).toEqual(['intake', 'coordinator', 'admin'])
  })

  it('carries on numbering generated ids where the original stood', async () => {
    const next = async (db: DB) => (await sql<{ id: string }>`select nextval('case_events_id_seq')::text as id`.execute(db)).rows[0]!.id
    const max = (await sql<{ id: string }>`select max(id)::text as id from case_events`.execute(t.db)).rows[0]!.id
    expect(Number(await next(restored.db))).toBeGreaterThan(Number(max))
  })

  it('serves the same pages: the public advisory, the advisory list, the case pages of the staff', async () => {
    const restoredApp = createApp({ db: restored.db, clock: t.clock, config: t.config })
    const before = await pages(t.app)
    expect(before.advisory).toMatch(/^200 /)
    expect(before.productCase).toMatch(/^200 /)
    expect(before.websiteCase).toMatch(/^200 /)
    expect(await pages(restoredApp)).toEqual(before)
  })

  it('is refused over a database that holds data, and the database stays as it was', async () => {
    const before = await snapshot(restored.db)
    const again = await restoreBackup(restored.db, createReadStream(file)).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(BackupError)
    expect((again as BackupError).code).toBe('backup.target_not_empty')
    expect((again as BackupError).message).toContain('attachments: 41 rows')
    expect(await snapshot(restored.db)).toEqual(before)
  })

  it('replaces everything with --force, rows added since included', async () => {
    await restored.db.insertInto('organizations').values({ id: 'added-later', kind: 'developer', name_ja: '後から', name_en: 'Later', website: null, pgp_public_key: null }).execute()
    await restoreBackup(restored.db, createReadStream(file), { force: true })
    expect(await snapshot(restored.db)).toEqual(original)
  })
})

describe('files that are not a whole backup', () => {
  it('a file that is not a backup is refused with a clear error and nothing is written', async () => {
    const target = await fresh()
    const before = await snapshot(target.db)
    const notGzip = join(dir, 'notes.txt')
    writeFileSync(notGzip, 'hello\n')
    const notOurs = join(dir, 'other.json.gz')
    writeFileSync(notOurs, gzipSync('{"hello":"world"}\n'))
    for (const [path, why] of [[notGzip, /not a keikai backup.*not gzip/], [notOurs, /not a keikai backup.*no keikai backup header/]] as const) {
      const error = await restoreBackup(target.db, createReadStream(path)).catch((e: unknown) => e)
      expect(error, path).toBeInstanceOf(BackupError)
      expect((error as BackupError).code).toBe('backup.not_a_backup')
      expect((error as BackupError).message).toMatch(why)
    }
    expect(await snapshot(target.db)).toEqual(before)
  })

  it('a backup cut short restores nothing', async () => {
    const whole = join(dir, 'whole.gz')
    await backUp(t.db, whole)
    const lines = gunzipSync(readFileSync(whole)).toString('utf8').trimEnd().split('\n')
    const cut = join(dir, 'cut.gz')
    writeFileSync(cut, gzipSync(lines.slice(0, -1).join('\n') + '\n'))
    const target = await fresh()
    const before = await snapshot(target.db)
    const error = await restoreBackup(target.db, createReadStream(cut)).catch((e: unknown) => e)
    expect((error as BackupError).code).toBe('backup.truncated')
    expect(await snapshot(target.db)).toEqual(before)
  })

  it('a backup from a newer keikai is refused before anything changes', async () => {
    const whole = join(dir, 'whole.gz')
    const lines = gunzipSync(readFileSync(whole)).toString('utf8').split('\n')
    const header = JSON.parse(lines[0]!)
    header.migrations.push('9999-from-the-future')
    const future = join(dir, 'future.gz')
    writeFileSync(future, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')))
    const target = await fresh()
    const error = await restoreBackup(target.db, createReadStream(future)).catch((e: unknown) => e)
    expect((error as BackupError).code).toBe('backup.newer_than_code')
    expect((error as BackupError).message).toContain('9999-from-the-future')
  })
})

describe.runIf(backend === 'postgres')('moving between PostgreSQL and PGlite', () => {
  it('a PostgreSQL backup restores into PGlite and back, table for table', async () => {
    const pglite = await PGlite.create({ extensions: { pg_trgm } })
    const embedded = await openDatabase({ pglite })
    handles.push({ ...embedded, close: async () => { await embedded.close(); await pglite.close() } })
    await migrateToLatest(embedded.db)
    const fromPostgres = join(dir, 'from-postgres.gz')
    await backUp(t.db, fromPostgres)
    const original = await snapshot(t.db)
    await restoreBackup(embedded.db, createReadStream(fromPostgres))
    const back = join(dir, 'from-pglite.gz')
    await backUp(embedded.db, back)
    const target = await fresh()
    await restoreBackup(target.db, createReadStream(back))
    expect(await snapshot(embedded.db)).toEqual(original)
    expect(await snapshot(target.db)).toEqual(original)
    expect(await pages(createApp({ db: target.db, clock: t.clock, config: t.config }))).toEqual(await pages(t.app))
  })
})

