import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/platform/db/database.js'
import { backend } from './support/database.js'
import { PG_PREFIX, PG_TEMPLATE_DB, withDatabase } from './support/global-setup.js'
import { freePort } from './support/keikai-process.js'

const root = mkdtempSync(join(tmpdir(), 'keikai-backup-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const envFor = (dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
  ({ ...process.env, KEIKAI_DATA_DIR: dataDir, DATABASE_URL: '', VITEST: '', KEIKAI_LOG: 'off', ...extra })

/** Runs a command to its end; resolves with its exit code and everything it wrote. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { out += d })
    child.on('exit', (code) => resolve({ code, out }))
  })
}
const cli = (script: 'backup' | 'restore', args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], envFor(dataDir))

async function invitations(dataDir: string) {
  const handle = await openDatabase({ dataDir })
  try {
    return await handle.db.selectFrom('invitations').select(['id', 'token_hash', 'purpose', 'expires_at']).orderBy('id').execute()
  } finally {
    await handle.close()
  }
}

/** The commands as README gives them, on PGlite data directories, with and without a running server. */
describe.skipIf(backend === 'postgres')('npm run backup and npm run restore on a PGlite data directory', () => {
  const original = join(root, 'original')
  const copy = join(root, 'copy')
  const live = join(root, 'live.backup.gz')
  const idle = join(root, 'idle.backup.gz')

  it('backs up a running server through its socket, and refuses to restore under it', async () => {
    const port = await freePort()
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: envFor(original, { PORT: String(port), KEIKAI_LOG: '' }), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    server.stdout.on('data', (d) => { out += d })
    server.stderr.on('data', (d) => { out += d })
    const deadline = Date.now() + 90_000
    while (!/"msg":"listening"/.test(out) && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200))
    try {
      expect(out).toMatch(/"msg":"listening"/)
      const backup = await run('npm', ['run', '--silent', 'backup', '--', live], envFor(original))
      expect(backup.out).toContain('taken from the running server')
      expect(backup.out).toMatch(/invitations: 1 row\n/)
      expect(backup.code, backup.out).toBe(0)
      // the server still serves after the backup
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      const restore = await cli('restore', [live, '--force'], original)
      expect(restore.code).toBe(1)
      expect(restore.out).toMatch(/in use by process \d+: stop the server first/)
    } finally {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
    expect(existsSync(join(original, 'keikai-backup.sock'))).toBe(false)
  }, 180_000)

  it('backs up a stopped server by opening its directory, and restores into a new one', async () => {
    const backup = await cli('backup', [idle], original)
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).not.toContain('running server')
    const restore = await cli('restore', [live], copy)
    expect(restore.out).toMatch(/invitations: 1 row\n/)
    expect(restore.code, restore.out).toBe(0)
    const restored = await invitations(copy)
    expect(restored).toHaveLength(1)
    expect(restored).toEqual(await invitations(original))
  }, 180_000)

  it('refuses a directory that holds data unless --force, and explains a missing or foreign file', async () => {
    const again = await cli('restore', [idle], copy)
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/already holds data \(invitations: 1 row\).*--force.*\[backup\.target_not_empty\]/)
    const forced = await cli('restore', [idle, '--force'], copy)
    expect(forced.code, forced.out).toBe(0)
    const missing = await cli('restore', [join(root, 'nothing-here.gz')], join(root, 'never-created'))
    expect(missing.code).toBe(1)
    expect(missing.out).toContain('There is no file')
    const foreign = await cli('restore', ['package.json'], join(root, 'never-created'))
    expect(foreign.code).toBe(1)
    expect(foreign.out).toContain('not a keikai backup')
    expect(existsSync(join(root, 'never-created'))).toBe(false)
    const usage = await cli('backup', [], original)
    expect(usage.code).toBe(2)
  }, 180_000)
})

/** The same commands against PostgreSQL (DATABASE_URL), which they read and write directly. */
describe.runIf(backend === 'postgres')('npm run backup and npm run restore with DATABASE_URL', () => {
  const url = process.env.TEST_DATABASE_URL!
  const names = [`${PG_PREFIX}cli_from`, `${PG_PREFIX}cli_to`]
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try { await client.query(query) } finally { await client.end() }
  }
  afterAll(async () => { for (const name of names) await admin(`drop database if exists ${name} with (force)`) })

  it('writes a backup of one database and restores it into another, refusing it the second time', async () => {
    for (const name of names) await admin(`create database ${name} template ${PG_TEMPLATE_DB}`)
    const [from, to] = names.map((name) => withDatabase(url, name)) as [string, string]
    const source = await openDatabase({ databaseUrl: from })
    await source.db.insertInto('organizations').values({ id: 'org-1', kind: 'developer', name_ja: '株式会社サンプル', name_en: 'Sample Inc.', website: null, pgp_public_key: null }).execute()
    await source.close()
    const file = join(root, 'pg.backup.gz')
    const env = (databaseUrl: string) => envFor(join(root, 'unused'), { DATABASE_URL: databaseUrl })
    const backup = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', file], env(from))
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toMatch(/organizations: 1 row\n/)
    const restore = await run(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', file], env(to))
    expect(restore.code, restore.out).toBe(0)
    const target = await openDatabase({ databaseUrl: to })
    try {
      expect(await target.db.selectFrom('organizations').select(['id', 'name_ja']).execute()).toEqual([{ id: 'org-1', name_ja: '株式会社サンプル' }])
    } finally {
      await target.close()
    }
    const again = await run(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', file], env(to))
    expect(again.code).toBe(1)
    expect(again.out).toContain('[backup.target_not_empty]')
    expect(existsSync(join(root, 'unused'))).toBe(false)
  }, 120_000)
})
