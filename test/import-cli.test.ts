import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/platform/db/database.js'

/** `npm run import` as a user runs it: a child process against a PGlite directory of its own (one, migrated once, for all runs). */

const FIXTURES = join(import.meta.dirname, 'fixtures/import')
const root = mkdtempSync(join(tmpdir(), 'keikai-import-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function importCli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
      env: { ...process.env, KEIKAI_DATA_DIR: dataDir, DATABASE_URL: '', VITEST: '', KEIKAI_LOG: 'off' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A zip with stored (uncompressed) entries: enough for the importer's reader, no zip tool needed. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const fileName = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fileName.length, 28); central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, data)
    centrals.push(central, fileName)
    offset += 30 + fileName.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

describe('npm run import', () => {
  it('imports directories and files, prints the summary with each bad record, and exits 0', async () => {
    const dataDir = join(root, 'db1')
    const r = await importCli([join(FIXTURES, 'myjvn'), join(FIXTURES, 'csaf/bsi-2022-0001.json'), join(FIXTURES, 'malformed')], dataDir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^read \d+, added \d+, updated \d+, unchanged \d+, older 0, skipped 0, bad records 4 \(/)
    expect(r.stdout).toContain('malformed/truncated.json: JSON does not parse')
    expect(r.stdout).toContain('vuldef-bad-entries.xml: NOT-AN-ID: not a JVN iPedia number')
    expect(r.stderr).toMatch(/keikai import: \d+\/\d+ files/)
    const again = await importCli([join(FIXTURES, 'myjvn'), join(FIXTURES, 'csaf/bsi-2022-0001.json')], dataDir)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/added 0, updated 0, unchanged (\d+), older 0/)
    const h = await openDatabase({ dataDir })
    try {
      const rows = await h.db.selectFrom('advisories').select(['identifier', 'source']).where('source', '!=', 'keikai').execute()
      expect(rows.map((x) => x.identifier)).toEqual(expect.arrayContaining(['JVNDB-2022-000097', 'JVNDB-2025-002953', 'BSI-2022-0001', 'JVNDB-2024-000001']))
    } finally {
      await h.close()
    }
  }, 120_000)

  it('reads a cvelistV5 zip from disk, taking only its CVE records', async () => {
    const record = (id: string) => readFileSync(join(FIXTURES, `cve/${id}.json`), 'utf8')
    const zip = join(root, 'cvelistV5-main.zip')
    writeFileSync(zip, zipOf({
      'cvelistV5-main/README.md': '# CVE list',
      'cvelistV5-main/cves/delta.json': '{"new": []}',
      'cvelistV5-main/cves/deltaLog.json': '[]',
      'cvelistV5-main/cves/recent_activities.json': '[]',
      'cvelistV5-main/cves/2024/33xxx/CVE-2024-33605.json': record('CVE-2024-33605'),
      'cvelistV5-main/cves/2024/42xxx/CVE-2024-42499.json': record('CVE-2024-42499'),
    }))
    const r = await importCli([zip], join(root, 'db1'))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^read 2, added 2, updated 0, unchanged 0, older 0, skipped 0, bad records 0/)
  }, 120_000)

  it('exits 1 when nothing could be read, naming why', async () => {
    const dir = join(root, 'nothing')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.json'), '{"not": "a record"}')
    const r = await importCli([dir, join(root, 'no-such-file.json')], join(root, 'db1'))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('notes.json: not a CVE JSON 5 record, a CSAF document or MyJVN data')
    expect(r.stdout).toContain('no-such-file.json: no such file or directory')
  }, 120_000)

  it('explains its usage when given no path, or a bad option', async () => {
    const r = await importCli([], join(root, 'db4'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('usage: npm run import --')
    for (const bad of ['--workers=-1', '--workers=many', '--fast']) {
      const b = await importCli([bad, join(FIXTURES, 'myjvn')], join(root, 'db4'))
      expect(b.code, bad).toBe(2)
      expect(b.stderr).toContain('[--workers=N]')
    }
  })

  it('parses on worker threads (--workers=2) to the same rows as in one thread, zip entries included', async () => {
    const record = (id: string) => readFileSync(join(FIXTURES, `cve/${id}.json`), 'utf8')
    const zip = join(root, 'two-records.zip')
    writeFileSync(zip, zipOf({ 'cves/2024/33xxx/CVE-2024-33605.json': record('CVE-2024-33605'), 'cves/2024/42xxx/CVE-2024-42499.json': record('CVE-2024-42499') }))
    const inputs = [join(FIXTURES, 'myjvn'), join(FIXTURES, 'csaf'), join(FIXTURES, 'malformed'), zip]
    const runs = []
    for (const workers of [0, 2]) {
      const dataDir = join(root, `workers-${workers}`)
      const r = await importCli([`--workers=${workers}`, ...inputs], dataDir)
      expect(r.code, r.stderr).toBe(0)
      const h = await openDatabase({ dataDir })
      try {
        const rows = await h.db.selectFrom('advisories')
          .select(['identifier', 'jvndb_id', 'source', 'source_key', 'source_ids', 'source_hash', 'publish_at', 'content', 'search_text', 'search_grams', 'search_ids', 'search_developers'])
          .where('source', '!=', 'keikai').orderBy('identifier').execute()
        runs.push({ summary: r.stdout.replace(/\(\d+(\.\d+)? s\)/, ''), rows })
      } finally {
        await h.close()
      }
    }
    expect(runs[1]!.rows.length).toBeGreaterThan(10)
    expect(runs[1]!.rows).toEqual(runs[0]!.rows)
    expect(runs[1]!.summary).toEqual(runs[0]!.summary)
    expect(runs[1]!.summary).toContain('malformed/truncated.json: JSON does not parse')
  }, 180_000)
})
