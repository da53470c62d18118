import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { identifierFromSlug, identifierSlug } from '../advisories/index.js'
import { importPaths } from './import-files.js'

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/import')
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8')

let t: TestApp
let admin: TestUser
let work: string

/** As the CLI imports: on one session of the database handle, new entries loaded with COPY (the admin upload below inserts through Kysely). */
const importNow = (paths: string[]) => importPaths(t.handle, paths, { now: () => t.clock.now() })
const advisoryRow = (identifier: string) =>
  t.db.selectFrom('advisories').select(['id', 'identifier', 'jvndb_id', 'status', 'publish_at', 'case_id', 'source', 'source_key', 'source_ids', 'source_modified', 'content', 'updated_at'])
    .where('identifier', '=', identifier).executeTakeFirstOrThrow()
const revisionsOf = (id: string) => t.db.selectFrom('advisory_revisions').selectAll().where('advisory_id', '=', id).orderBy('revised_at').execute()

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  admin = await createUser(t, { roles: ['admin'] })
  work = mkdtempSync(join(tmpdir(), 'keikai-import-test-'))
})
afterAll(async () => {
  await t.close()
  rmSync(work, { recursive: true, force: true })
})

describe('importing the official examples', () => {
  it('adds every entry as a public advisory without a case and lists each bad file with its reason', async () => {
    const s = await importNow([FIXTURES])
    expect(s.added).toBeGreaterThanOrEqual(30)
    expect(s.older).toBe(0)
    expect(s.bad.map((b) => b.record)).toEqual(expect.arrayContaining(['truncated.json', 'unknown.json', 'NOT-AN-ID', 'JVNDB-2024-000002']))
    expect(s.bad.find((b) => b.record === 'truncated.json')).toMatchObject({ file: join(FIXTURES, 'malformed/truncated.json'), reason: expect.stringMatching(/^JSON does not parse/) })
    const jvn = await advisoryRow('JVNDB-2022-000097')
    expect(jvn).toMatchObject({ case_id: null, status: 'published', source: 'jvn', source_key: 'JVNDB-2022-000097', jvndb_id: 'JVNDB-2022-000097' })
    expect(jvn.publish_at).toEqual(new Date('2022-12-15T03:04:51Z'))
    expect(jvn.source_modified).toEqual(new Date('2024-05-29T08:39:51Z'))
    expect(jvn.source_ids).toContainEqual({ kind: 'JVN', id: 'JVN#96321933' })
    expect((await advisoryRow('CVE-2024-33605')).source).toBe('cve')
    expect((await advisoryRow('BSI-2022-0001')).source_key).toBe('https://www.bsi.bund.de#BSI-2022-0001')
  })

  it('shows an imported entry on the portal with its source and original identifiers', async () => {
    const res = await t.app.request('/advisories/JVNDB-2022-000097')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('電子入札コアシステムにおける複数の脆弱性')
    expect(html).toContain('JVN iPedia から取り込み')
    expect(html).toContain('JVN#96321933')
    expect(html).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')
    expect(html).toContain('cpe:/a:jacic:electronic_bidding_core_system')
    expect(html).not.toMatch(/&lt;(ul|li)&gt;/)
    const en = await (await t.app.request('/advisories/CVE-2024-33605?lang=en')).text()
    expect(en).toContain('Imported from a CVE record')
    expect(en).toContain('Sharp Corporation')
  })

  it('finds a CSAF document by the slug of a tracking id that is not URL-safe', async () => {
    expect(identifierSlug('RHSA-2021:5186')).toBe('RHSA-2021~3A5186')
    const res = await t.app.request(`/advisories/${identifierSlug('RHSA-2021:5186')}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('(CSAF)')
  })

  it('serves imported entries in the public API with source and original identifiers', async () => {
    const res = await t.app.request('/api/v1/advisories/CVE-2024-33605')
    expect(res.status).toBe(200)
    const json = await res.json() as Record<string, unknown>
    expect(json).toMatchObject({ identifier: 'CVE-2024-33605', source: 'cve', sourceIds: [{ kind: 'CVE', id: 'CVE-2024-33605' }, { kind: 'JVN', id: 'JVNVU#93051062' }] })
    const list = await (await t.app.request('/api/v1/advisories?q=CVE-2024-33605')).json() as { items?: Array<{ identifier: string }> }
    expect(JSON.stringify(list)).toContain('CVE-2024-33605')
  })

  it('changes nothing when the same data is imported again', async () => {
    const before = await advisoryRow('JVNDB-2022-000097')
    const count = async () => Number((await t.db.selectFrom('advisories').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    const rows = await count()
    t.clock.advance(60_000)
    const s = await importNow([FIXTURES])
    expect(s).toMatchObject({ added: 0, updated: 0, older: 0 })
    expect(s.unchanged).toBe(s.read)
    expect(await count()).toBe(rows)
    expect((await advisoryRow('JVNDB-2022-000097')).updated_at).toEqual(before.updated_at)
    expect(await revisionsOf(before.id)).toEqual([])
  })

  it('never gives an imported JVN iPedia number again', async () => {
    const row = await t.db.selectFrom('jvndb_sequences').select('last_number').where('year', '=', 2025).executeTakeFirstOrThrow()
    expect(row.last_number).toBeGreaterThanOrEqual(2953)
  })
})

describe('a newer version of a record', () => {
  const record = () => JSON.parse(fixture('cve/CVE-2024-39610.json')) as { cveMetadata: { dateUpdated: string }; containers: { cna: { descriptions: Array<{ value: string }> } } }

  it('updates the entry and records a revision dated by the source', async () => {
    const newer = record()
    newer.cveMetadata.dateUpdated = '2025-06-01T00:00:00.000Z'
    newer.containers.cna.descriptions[0]!.value = 'A corrected description from the CNA.'
    const file = join(work, 'CVE-2024-39610.json')
    writeFileSync(file, JSON.stringify(newer))
    expect(await importNow([file])).toMatchObject({ read: 1, updated: 1, added: 0 })
    const row = await advisoryRow('CVE-2024-39610')
    expect((row.content as { overview: { en: string } }).overview.en).toBe('A corrected description from the CNA.')
    const revisions = await revisionsOf(row.id)
    expect(revisions).toHaveLength(1)
    expect(revisions[0]).toMatchObject({ revised_at: new Date('2025-06-01T00:00:00Z'), note_ja: 'CVE レコードの更新を取り込みました', note_en: 'Updated from the CVE record' })
    const page = await (await t.app.request('/advisories/CVE-2024-39610?lang=en')).text()
    expect(page).toContain('A corrected description from the CNA.')
    expect(page).toContain('Updated from the CVE record')
  })

  it('skips an older version and counts it', async () => {
    const file = join(work, 'CVE-2024-39610.json')
    writeFileSync(file, fixture('cve/CVE-2024-39610.json'))
    expect(await importNow([file])).toMatchObject({ read: 1, older: 1, updated: 0 })
    expect(((await advisoryRow('CVE-2024-39610')).content as { overview: { en: string } }).overview.en).toBe('A corrected description from the CNA.')
  })

  it('follows symbolic links to files and directories, and walks a link loop once', async () => {
    const tree = join(work, 'linked')
    const elsewhere = join(work, 'elsewhere')
    mkdirSync(join(tree, 'sub'), { recursive: true })
    mkdirSync(elsewhere, { recursive: true })
    writeFileSync(join(elsewhere, 'CVE-2024-42499.json'), fixture('cve/CVE-2024-42499.json'))
    symlinkSync(join(elsewhere, 'CVE-2024-42499.json'), join(tree, 'linked-record.json'))
    symlinkSync(elsewhere, join(tree, 'sub', 'linked-dir'))
    symlinkSync(tree, join(tree, 'sub', 'loop'))
    // The one record is reached twice (the file link and the directory link): read twice, stored once.
    const summary = await importNow([tree])
    expect(summary).toMatchObject({ read: 2, badCount: 0 })
    expect(summary.added + summary.unchanged + summary.updated).toBe(2)
    expect((await advisoryRow('CVE-2024-42499')).source).toBe('cve')
  })
})

describe('identifiers', () => {
  it('gives a second publisher\'s document with the same tracking id its own identifier', async () => {
    const doc = JSON.parse(fixture('csaf/bsi-2022-0001.json')) as { document: { publisher: { namespace: string } } }
    doc.document.publisher.namespace = 'https://csaf.example.org'
    const file = join(work, 'other-publisher.json')
    writeFileSync(file, JSON.stringify(doc))
    expect(await importNow([file])).toMatchObject({ added: 1 })
    expect((await advisoryRow('BSI-2022-0001@csaf.example.org')).source_key).toBe('https://csaf.example.org#BSI-2022-0001')
    expect(await importNow([file])).toMatchObject({ added: 0, unchanged: 1 })
  })

  it('turns every identifier into one slug and back', () => {
    for (const id of ['JVN#12345678', 'JVNVU#87654321', 'JVNDB-2025-002953', 'CVE-2024-33605', 'RHSA-2021:5186', 'cisco-sa-20180328-smi2', 'BSI-2022-0001@csaf.example.org', 'JVN12345678', 'ベンダ 2024/1']) {
      const slug = identifierSlug(id)
      expect(slug).toMatch(/^[A-Za-z0-9._~-]+$/)
      expect(identifierFromSlug(slug)).toBe(id)
    }
    expect(identifierSlug('JVN#12345678')).toBe('JVN12345678')
    expect(identifierFromSlug('RHSA-2021~3a5186')).toBeNull()
    expect(identifierFromSlug('a/b')).toBeNull()
  })
})

describe('the administrator\'s upload', () => {
  const upload = (name: string, text: string) => ({ file: new File([text], name, { type: 'application/octet-stream' }) })

  it('imports one file and shows the summary', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    const form = await b.get('/admin/import')
    expect(form.status).toBe(200)
    expect(form.text).toContain('enctype="multipart/form-data"')
    const doc = fixture('myjvn/getVulnDetailInfo_hnd_JVNDB-2021-002774.xml').replace(/JVNDB-2021-002774/g, 'JVNDB-2021-099999')
    const res = await b.post('/admin/import', upload('detail.xml', doc), { multipart: true })
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/data-count="added">1</)
    expect((await t.app.request('/advisories/JVNDB-2021-099999')).status).toBe(200)
  })

  it('refuses a file it cannot read with a clear message, changing nothing', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    await b.get('/admin/import')
    const res = await b.post('/admin/import', upload('notes.txt', 'just some notes'), { multipart: true })
    expect(res.status).toBe(400)
    expect(res.text).toContain('このファイルからは脆弱性情報を 1 件も読み取れませんでした。何も変更していません。')
    expect(res.text).toContain('notes.txt')
    expect(res.text).not.toContain(tmpdir())
  })

  it('refuses a post without the CSRF token', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    const res = await b.post('/admin/import', upload('x.json', fixture('cve/CVE-2024-42499.json')), { multipart: true, csrf: null })
    expect(res.status).toBe(403)
  })

  it('does not exist for anyone but an administrator', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    expect((await coordinator.api.get('/admin/import')).status).toBe(404)
    const fd = new FormData()
    fd.set('file', new File([fixture('cve/CVE-2024-42499.json')], 'x.json'))
    const res = await t.app.request('/admin/import', { method: 'POST', body: fd, headers: { authorization: `Bearer ${coordinator.token}` } })
    expect(res.status).toBe(404)
  })
})
