import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { createUser } from '../support/clients.js'
import { scheduleAdvisoryAt } from '../../src/csaf/csaf.test-support.js'
import { csafFilename } from '../../src/csaf/csaf-document.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'
import { reviseAdvisory } from '../../src/advisories/advisories.usecases.js'
import { publishedAlert } from '../../src/alerts/alerts.test-support.js'
import { exportSite, fileFor, MANIFEST, type ExportSummary } from '../../src/static-export/export.js'

/**
 * `npm run export`: the public portal as files. Every exported file holds the bytes the live app
 * answers an anonymous reader in that language; a second run rewrites nothing; a revision rewrites
 * that advisory's files and the pages that list it, and nothing else.
 */
let t: TestApp
let dir: string
let first: ExportSummary
let older: { identifier: string; caseId: string }
let newer: { identifier: string; caseId: string }
let alertSlug: string

const slugOf = (identifier: string) => identifier.replace('#', '')
const run = (options: { full?: boolean } = {}) => exportSite({ app: t.app, deps: t.deps, dir, ...options })

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-03-01T01:00:00Z' })
  older = await scheduleAdvisoryAt(t, '2026-03-01T01:00:00Z', 'EXPORT 旧ルータ', 'CVE-2026-50001')
  t.clock.set('2026-04-02T01:00:00Z')
  newer = await scheduleAdvisoryAt(t, '2026-04-02T01:00:00Z', 'EXPORT 新カメラ', 'CVE-2026-50002')
  await publishDueAdvisories(t.deps)
  alertSlug = (await publishedAlert(await createUser(t, { roles: ['intake'] }))).identifier
  dir = mkdtempSync(join(tmpdir(), 'keikai-export-'))
  first = await run()
}, 120_000)
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The live app's answer to an anonymous reader of `lang`. */
async function live(path: string, lang: 'ja' | 'en') {
  const res = await t.app.request(path, { headers: { 'accept-language': lang } })
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) }
}

function walk(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(root, e.name)) : [join(root, e.name)]))
}

describe('a first export', () => {
  it('writes every public page, feed and format file in both languages with the bytes the app serves', async () => {
    expect(first).toMatchObject({ full: true, advisories: 2, rendered: 2, deleted: 0, errors: [] })
    const csaf = `/.well-known/csaf/white/2026/${csafFilename(newer.identifier)}`
    const sample = [
      '/', '/advisories', '/archive', '/archive/2026-04', '/archive/2026-03', `/advisories/${slugOf(newer.identifier)}`, `/advisories/${slugOf(older.identifier)}`,
      `/api/v1/advisories/${encodeURIComponent(newer.identifier)}`, `/advisories/${slugOf(newer.identifier)}/cve/CVE-2026-50002.json`,
      csaf, `${csaf}.sha256`, `${csaf}.sha512`, `${csaf}.asc`, '/.well-known/csaf/white/2026/', '/.well-known/csaf/white/index.txt',
      '/.well-known/csaf/provider-metadata.json', '/rss/advisories.rdf', '/rss/alerts.rdf', '/sitemap.xml', '/sitemaps/pages.xml',
      '/sitemaps/advisories-1.xml', '/.well-known/security.txt', '/static/app.css', '/alerts', `/alerts/${alertSlug}`, '/uncontactable', '/statistics',
    ]
    for (const path of sample) {
      for (const lang of ['ja', 'en'] as const) {
        const answer = await live(path, lang)
        expect(answer.status, path).toBe(200)
        const file = join(dir, lang, fileFor(path, answer.type))
        expect(existsSync(file), `${path} → ${file}`).toBe(true)
        expect(readFileSync(file).equals(answer.bytes), `${lang} ${path}`).toBe(true)
      }
    }
    // The two languages differ where the app's answer does.
    expect(readFileSync(join(dir, 'en', 'index.html'), 'utf8')).toContain('<html lang="en">')
    expect(readFileSync(join(dir, 'ja', 'index.html'), 'utf8')).toContain('<html lang="ja">')
    expect(existsSync(join(dir, MANIFEST))).toBe(true)
    expect(walk(dir).filter((f) => f.includes('.tmp-'))).toEqual([])
  })
})

describe('an incremental export', () => {
  it('with nothing changed renders no advisory and writes no file', async () => {
    const before = statSync(join(dir, 'ja', 'index.html')).mtimeMs
    const second = await run()
    expect(second).toMatchObject({ full: false, advisories: 2, rendered: 0, written: 0, deleted: 0, errors: [] })
    expect(second.unchanged).toBeGreaterThan(20)
    expect(statSync(join(dir, 'ja', 'index.html')).mtimeMs).toBe(before)
  })

  it('after a revision rewrites that advisory and the lists that show it, and leaves the other advisory\'s files alone', async () => {
    const olderPage = join(dir, 'ja', `advisories/${slugOf(older.identifier)}.html`)
    const olderMonth = join(dir, 'ja', 'archive/2026-03.html')
    const untouched = [olderPage, olderMonth].map((f) => statSync(f).mtimeMs)
    t.clock.set('2026-04-03T01:00:00Z')
    await reviseAdvisory(t.deps, { caseId: newer.caseId, actor: { user: null, label: 'test' }, note: { ja: 'EXPORT 改訂メモ', en: 'EXPORT revision note' } })
    const third = await run()
    expect(third).toMatchObject({ full: false, rendered: 1, deleted: 0, errors: [] })
    expect(readFileSync(join(dir, 'ja', `advisories/${slugOf(newer.identifier)}.html`), 'utf8')).toContain('EXPORT 改訂メモ')
    expect(readFileSync(join(dir, 'en', `advisories/${slugOf(newer.identifier)}.html`), 'utf8')).toContain('EXPORT revision note')
    expect([olderPage, olderMonth].map((f) => statSync(f).mtimeMs)).toEqual(untouched)
    for (const path of [`/advisories/${slugOf(newer.identifier)}`, '/rss/advisories.rdf', '/sitemaps/advisories-1.xml', '/.well-known/csaf/white/changes.csv']) {
      const answer = await live(path, 'ja')
      expect(readFileSync(join(dir, 'ja', fileFor(path, answer.type))).equals(answer.bytes), path).toBe(true)
    }
  })
})
