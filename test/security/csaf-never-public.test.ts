import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { fileWebsiteReport } from '../support/website-story.js'
import { draftBody, seedProductCase } from '../../src/advisories/test-factories.js'
import { saveAdvisoryDraft, advisoryDraftSchema } from '../../src/advisories/index.js'
import { parseWith } from '../../src/platform/http/validate.js'
import { csafFilename } from '../../src/csaf/csaf-document.js'
import { scheduleAdvisoryAt } from '../../src/csaf/csaf.test-support.js'

/**
 * DESIGN §5 for the CSAF provider: a draft advisory, an advisory scheduled for later and a website
 * case appear in none of its files — listings, feeds, documents, hashes, signatures — until (for
 * the scheduled one) its time comes; from then on it is there without any worker having run.
 */
let t: TestApp
let scheduled: Awaited<ReturnType<typeof scheduleAdvisoryAt>>
let published: Awaited<ReturnType<typeof scheduleAdvisoryAt>>
const markers = ['DRAFTMARK-CSAF', 'SCHEDMARK-CSAF', 'WEBMARK-CSAF', 'never-public-csaf.example.jp']

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  published = await scheduleAdvisoryAt(t, '2026-04-01T01:00:00Z', '公開済みルータ', 'CVE-2026-40001')
  scheduled = await scheduleAdvisoryAt(t, '2026-04-05T01:00:00Z', 'SCHEDMARK-CSAF 予定カメラ', 'CVE-2026-40002')
  const draftSeed = await seedProductCase(t.db, t.clock.now(), { vulnerability: { titleJa: 'DRAFTMARK-CSAF', titleEn: 'DRAFTMARK-CSAF', cveId: 'CVE-2026-40003' } })
  await saveAdvisoryDraft(t.deps, {
    caseId: draftSeed.caseId, actor: { user: null, label: 'test' },
    draft: parseWith(advisoryDraftSchema, draftBody(draftSeed, { title: { ja: 'DRAFTMARK-CSAF 下書き', en: 'DRAFTMARK-CSAF draft' } })),
  })
  await fileWebsiteReport(t, { urls: ['https://never-public-csaf.example.jp/login'], operatorName: 'WEBMARK-CSAF 市', description: 'WEBMARK-CSAF SQLインジェクション' })
})
afterAll(async () => { await t.close() })

const get = async (path: string) => {
  const res = await t.app.request(path)
  return { status: res.status, text: await res.text() }
}

/** Every file of the provider a client can reach from its entry points and listings, with its body. */
async function everyFile(): Promise<Map<string, { status: number; text: string }>> {
  const files = new Map<string, { status: number; text: string }>()
  const fixed = ['/.well-known/csaf/', '/.well-known/csaf/provider-metadata.json', '/.well-known/csaf/service.json', '/.well-known/csaf/openpgp/',
    '/.well-known/csaf/white/', '/.well-known/csaf/white/index.txt', '/.well-known/csaf/white/changes.csv',
    '/.well-known/csaf/white/csaf-feed-tlp-white.json', '/.well-known/csaf/white/category-white.json', '/.well-known/security.txt']
  for (const path of fixed) files.set(path, await get(path))
  for (const year of [...files.get('/.well-known/csaf/white/')!.text.matchAll(/href="(\d{4})\/"/g)].map((m) => m[1])) {
    const folder = `/.well-known/csaf/white/${year}/`
    files.set(folder, await get(folder))
    for (const name of [...files.get(folder)!.text.matchAll(/href="([^"/]+)"/g)].map((m) => m[1])) files.set(folder + name, await get(folder + name))
  }
  return files
}

const leaksIn = (files: Map<string, { text: string }>, secrets: string[]) =>
  [...files].flatMap(([path, { text }]) => secrets.filter((s) => text.includes(s)).map((s) => `${path} shows ${s}`))

const documentPath = (identifier: string, year = '2026') => `/.well-known/csaf/white/${year}/${csafFilename(identifier)}`

describe('the CSAF provider shows only public advisories', () => {
  it('a draft, an advisory scheduled for later and a website case are in no listing, feed or document', async () => {
    const files = await everyFile()
    expect(leaksIn(files, [...markers, scheduled.identifier])).toEqual([])
    expect(files.get('/.well-known/csaf/white/index.txt')!.text).toBe(`2026/${csafFilename(published.identifier)}\n`)
    // The walk really read documents, hashes and signatures of the public one.
    expect([...files.keys()].filter((p) => /\.json(\.sha256|\.sha512|\.asc)?$/.test(p) && p.includes('/2026/'))).toHaveLength(4)
    for (const suffix of ['', '.sha256', '.sha512', '.asc']) {
      expect((await get(documentPath(scheduled.identifier) + suffix)).status, suffix).toBe(404)
    }
  })

  it('the scheduled advisory appears everywhere once its time comes, before the publication worker runs', async () => {
    t.clock.set('2026-04-05T01:00:00Z')
    const files = await everyFile()
    expect(files.get('/.well-known/csaf/white/index.txt')!.text.split('\n').filter(Boolean).sort())
      .toEqual([`2026/${csafFilename(published.identifier)}`, `2026/${csafFilename(scheduled.identifier)}`].sort())
    expect(files.get('/.well-known/csaf/white/changes.csv')!.text.split('\n')[0]).toBe(`"2026/${csafFilename(scheduled.identifier)}","2026-04-05T01:00:00.000Z"`)
    expect(files.get('/.well-known/csaf/white/csaf-feed-tlp-white.json')!.text).toContain(scheduled.identifier)
    expect(files.get(documentPath(scheduled.identifier))!.status).toBe(200)
    expect(files.get(`${documentPath(scheduled.identifier)}.asc`)!.text).toMatch(/^-----BEGIN PGP SIGNATURE-----/)
    expect(leaksIn(files, markers.filter((m) => !m.startsWith('SCHEDMARK')))).toEqual([])
  })

  it('an advisory that is no longer public loses its document, hashes and stored signature at once', async () => {
    t.clock.set('2026-04-06T01:00:00Z')
    expect((await get(`${documentPath(scheduled.identifier)}.asc`)).status).toBe(200)
    await t.db.updateTable('advisories').set({ status: 'draft' }).where('identifier', '=', scheduled.identifier).execute()
    for (const suffix of ['', '.sha256', '.sha512', '.asc']) expect((await get(documentPath(scheduled.identifier) + suffix)).status, suffix).toBe(404)
    expect(leaksIn(await everyFile(), [scheduled.identifier, 'SCHEDMARK-CSAF'])).toEqual([])
  })
})
