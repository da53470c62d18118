import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { createUser } from '../support/clients.js'
import { fileWebsiteReport } from '../support/website-story.js'
import { draftBody, seedProductCase } from '../../src/advisories/test-factories.js'
import { saveAdvisoryDraft, advisoryDraftSchema } from '../../src/advisories/index.js'
import { unscheduleAdvisory } from '../../src/advisories/advisories.usecases.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'
import { parseWith } from '../../src/platform/http/validate.js'
import { csafFilename } from '../../src/csaf/csaf-document.js'
import { scheduleAdvisoryAt } from '../../src/csaf/csaf.test-support.js'
import { draftAlert, publishedAlert } from '../../src/alerts/alerts.test-support.js'
import { exportSite } from '../../src/static-export/export.js'

/**
 * DESIGN §5 for the static export: a draft advisory, an advisory scheduled for later, a withdrawn
 * schedule, a website case and an unpublished alert leave no trace anywhere in the exported tree —
 * no file name, no byte of any page, feed, sitemap, CSAF listing or format file — and the
 * scheduled advisory appears in the next run once its time has come. An advisory that leaves the
 * public view loses every file of its own on the next run.
 */
let t: TestApp
let dir: string
let scheduled: { identifier: string; caseId: string }
let withdrawn: { identifier: string; caseId: string }
let published: { identifier: string; caseId: string }
const markers = ['DRAFTMARK-EXP', 'SCHEDMARK-EXP', 'WITHDRAWMARK-EXP', 'WEBMARK-EXP', 'never-public-export.example.jp', 'ALERTDRAFTMARK-EXP']

const run = () => exportSite({ app: t.app, deps: t.deps, dir })
const slugOf = (identifier: string) => identifier.replace('#', '')
/** What of an advisory can show up in a file's name or bytes. */
const traces = (a: { identifier: string }) => [a.identifier, slugOf(a.identifier), csafFilename(a.identifier)]

function walk(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(root, e.name)) : [join(root, e.name)]))
}

/** Every place in the tree (file names and contents, the manifest included) that shows one of `secrets`. */
function leaks(secrets: string[]): string[] {
  return walk(dir).flatMap((file) => {
    const name = relative(dir, file)
    const text = readFileSync(file, 'utf8')
    return secrets.filter((s) => name.includes(s) || text.includes(s)).map((s) => `${name} shows ${s}`)
  })
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  published = await scheduleAdvisoryAt(t, '2026-04-01T01:00:00Z', '公開済み EXPORT ルータ', 'CVE-2026-70001')
  scheduled = await scheduleAdvisoryAt(t, '2026-04-05T01:00:00Z', 'SCHEDMARK-EXP 予定カメラ', 'CVE-2026-70002')
  withdrawn = await scheduleAdvisoryAt(t, '2026-04-04T01:00:00Z', 'WITHDRAWMARK-EXP 取り下げ', 'CVE-2026-70003')
  await publishDueAdvisories(t.deps)
  const draftSeed = await seedProductCase(t.db, t.clock.now(), { vulnerability: { titleJa: 'DRAFTMARK-EXP', titleEn: 'DRAFTMARK-EXP', cveId: 'CVE-2026-70004' } })
  await saveAdvisoryDraft(t.deps, {
    caseId: draftSeed.caseId, actor: { user: null, label: 'test' },
    draft: parseWith(advisoryDraftSchema, draftBody(draftSeed, { title: { ja: 'DRAFTMARK-EXP 下書き', en: 'DRAFTMARK-EXP draft' } })),
  })
  markers.push(draftSeed.caseId, 'CVE-2026-70004')
  const web = await fileWebsiteReport(t, { urls: ['https://never-public-export.example.jp/login'], operatorName: 'WEBMARK-EXP 市', description: 'WEBMARK-EXP SQLインジェクション' })
  markers.push(web.receiptNumber, web.caseId)
  const intake = await createUser(t, { roles: ['intake'] })
  await publishedAlert(intake, { title: { ja: '公開 EXPORT 注意喚起', en: 'Public EXPORT alert' } })
  const alertId = await draftAlert(intake, { title: { ja: 'ALERTDRAFTMARK-EXP 下書き', en: 'ALERTDRAFTMARK-EXP draft' } })
  markers.push(alertId)
  dir = mkdtempSync(join(tmpdir(), 'keikai-export-never-'))
}, 120_000)
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the static export shows only what is public', () => {
  it('writes no trace of a draft, a scheduled advisory, a website case or an unpublished alert', async () => {
    const summary = await run()
    expect(summary).toMatchObject({ advisories: 1, errors: [] })
    expect(leaks([...markers, ...traces(scheduled), ...traces(withdrawn), 'CVE-2026-70002', 'CVE-2026-70003'])).toEqual([])
    // The sweep really read a populated tree: the public advisory and alert are there, in both languages.
    expect(leaks(['公開済み EXPORT ルータ']).length).toBeGreaterThan(5)
    expect(leaks(['Public EXPORT alert']).some((l) => l.startsWith('en/alerts/'))).toBe(true)
    expect(existsSync(join(dir, 'ja', `advisories/${slugOf(published.identifier)}.html`))).toBe(true)
  })

  it('adds the scheduled advisory once its time comes, and never the withdrawn schedule', async () => {
    await unscheduleAdvisory(t.deps, { caseId: withdrawn.caseId, actor: { user: null, label: 'test' }, reason: '公表延期' })
    t.clock.set('2026-04-05T01:00:00Z')
    await publishDueAdvisories(t.deps)
    const summary = await run()
    expect(summary).toMatchObject({ full: false, advisories: 2, rendered: 1, deleted: 0, errors: [] })
    for (const lang of ['ja', 'en']) {
      expect(readFileSync(join(dir, lang, `advisories/${slugOf(scheduled.identifier)}.html`), 'utf8')).toContain('SCHEDMARK-EXP')
      expect(existsSync(join(dir, lang, `.well-known/csaf/white/2026/${csafFilename(scheduled.identifier)}`))).toBe(true)
    }
    expect(leaks(['SCHEDMARK-EXP']).length).toBeGreaterThan(10)
    expect(leaks([...markers.filter((m) => !m.startsWith('SCHEDMARK')), ...traces(withdrawn), 'CVE-2026-70003'])).toEqual([])
  })

  it('deletes every file of an advisory that has left the public view on the next run', async () => {
    const before = leaks(traces(scheduled))
    expect(before.length).toBeGreaterThan(10)
    // Published advisories are never withdrawn through keikai (DESIGN §3); a correction in the database is the one way out.
    await t.db.updateTable('advisories').set({ status: 'draft', publish_at: null }).where('case_id', '=', scheduled.caseId).execute()
    const summary = await run()
    expect(summary.deleted).toBeGreaterThanOrEqual(2 * 7)
    expect(leaks([...traces(scheduled), 'SCHEDMARK-EXP', 'CVE-2026-70002'])).toEqual([])
    expect(existsSync(join(dir, 'ja', `advisories/${slugOf(published.identifier)}.html`))).toBe(true)
  })
})
