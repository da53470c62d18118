import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator, sql } from 'kysely'
import { migrations } from '../platform/db/migrations/index.js'
import type { DatabaseHandle } from '../platform/db/database.js'
import { emptyDatabase } from '../../test/support/database.js'
import { caseSupportEnd } from './support-end.js'
import { supportStatus } from './products.usecases.js'

/**
 * Migration 0014 moves the per-case support-end columns of 0006 into the product catalogue. A
 * database as 0013 left it, with cases carrying those columns, is migrated; every case keeps the
 * support end, product name and version it had, now through its product.
 */
let h: DatabaseHandle
const migrator = () => new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } })

beforeAll(async () => {
  h = await emptyDatabase()
  const to13 = await migrator().migrateTo('0013-committee-gaps')
  expect(to13.error).toBeUndefined()
  const db = h.db
  await sql`insert into organizations (id, kind, name_ja, name_en) values ('org-1', 'developer', 'サンプル電機', 'Sample Electric'), ('org-2', 'developer', '別電機', 'Other Electric')`.execute(db)
  const kase = async (id: string, title: string, at: string, eol: { date?: string; name?: string; version?: string }) => {
    await sql`insert into cases (id, kind, status, title, created_at, support_end_date, eol_product_name, eol_product_version)
      values (${id}, 'product', 'developer_notified', ${title}, ${at}::timestamptz, ${eol.date ?? null}::date, ${eol.name ?? null}, ${eol.version ?? null})`.execute(db)
    await sql`insert into reports (id, case_id, receipt_number, kind, tracking_token_hash, finder_name, details, submitted_at)
      values (${`r-${id}`}, ${id}, ${`KK-2026-${id}`}, 'product', ${`hash-${id}`}, 'Finder', ${JSON.stringify({ productName: `報告された製品 ${id}` })}::jsonb, ${at}::timestamptz)`.execute(db)
  }
  const party = (caseId: string, org: string, at: string) =>
    sql`insert into case_parties (id, case_id, organization_id, created_at) values (${`p-${caseId}`}, ${caseId}, ${org}, ${at}::timestamptz)`.execute(db)
  // Two cases about the same router of one developer, one about another version with a different date, one without a party, one with a name only.
  await kase('c1', 'ルーターの脆弱性', '2026-01-01T00:00:00Z', { date: '2025-12-31', name: 'WR-1000', version: '1.2.3 以前' })
  await party('c1', 'org-1', '2026-01-01T00:00:00Z')
  await kase('c2', 'ルーターの別の脆弱性', '2026-01-02T00:00:00Z', { date: '2025-12-31', name: 'WR-1000', version: '1.x' })
  await party('c2', 'org-1', '2026-01-02T00:00:00Z')
  await kase('c3', '同じ名前で別の終了日', '2026-01-03T00:00:00Z', { date: '2027-03-31', name: 'WR-1000' })
  await party('c3', 'org-1', '2026-01-03T00:00:00Z')
  await kase('c4', '開発者未登録の案件', '2026-01-04T00:00:00Z', { date: '2020-06-30' })
  await kase('c5', '日付のない案件', '2026-01-05T00:00:00Z', { name: 'NAS-9' })
  await party('c5', 'org-2', '2026-01-05T00:00:00Z')
  await kase('c6', 'EoL に関係しない案件', '2026-01-06T00:00:00Z', {})
  await party('c6', 'org-2', '2026-01-06T00:00:00Z')
  // The same name with a date on one case only, both ways round.
  await kase('c7', '日付のない WR-500', '2026-01-07T00:00:00Z', { name: 'WR-500' })
  await party('c7', 'org-1', '2026-01-07T00:00:00Z')
  await kase('c8', '日付のある WR-500', '2026-01-08T00:00:00Z', { date: '2026-12-31', name: 'WR-500' })
  await party('c8', 'org-1', '2026-01-08T00:00:00Z')
  await kase('c9', '日付のある CAM-1', '2026-01-09T00:00:00Z', { date: '2024-01-31', name: 'CAM-1' })
  await party('c9', 'org-2', '2026-01-09T00:00:00Z')
  await kase('c10', '日付のない CAM-1', '2026-01-10T00:00:00Z', { name: 'CAM-1' })
  await party('c10', 'org-2', '2026-01-10T00:00:00Z')
  const rest = await migrator().migrateToLatest()
  expect(rest.error).toBeUndefined()
  expect(rest.results?.map((r) => r.migrationName)).toContain('0014-product-catalogue')
})
afterAll(async () => { await h?.close() })

const productsOf = (caseId: string) => h.db.selectFrom('case_products').innerJoin('products', 'products.id', 'case_products.product_id')
  .select(['products.id', 'products.organization_id', 'products.name_ja', 'products.versions', 'products.support_end_date', 'case_products.versions_affected'])
  .where('case_products.case_id', '=', caseId).execute()

describe('migration 0014: per-case support ends become catalogue products', () => {
  it('gives a case its developer\'s product with the date, name and version it had', async () => {
    expect(await productsOf('c1')).toEqual([expect.objectContaining({ organization_id: 'org-1', name_ja: 'WR-1000', support_end_date: '2025-12-31', versions_affected: '1.2.3 以前' })])
  })

  it('shares one product between cases of the same developer and product when the dates agree, keeping each case\'s versions', async () => {
    const [one] = await productsOf('c1')
    const [two] = await productsOf('c2')
    expect(two!.id).toBe(one!.id)
    expect(two!.versions_affected).toBe('1.x')
  })

  it('makes a product of its own when the same name carried another date, so no case\'s support end changes', async () => {
    const [one] = await productsOf('c1')
    const [three] = await productsOf('c3')
    expect(three!.id).not.toBe(one!.id)
    expect(three!.support_end_date).toBe('2027-03-31')
  })

  it('does not share a product between a case with a date and one without, whichever came first', async () => {
    const [seven] = await productsOf('c7')
    const [eight] = await productsOf('c8')
    expect(seven!.id).not.toBe(eight!.id)
    expect([seven!.support_end_date, eight!.support_end_date]).toEqual([null, '2026-12-31'])
    const [nine] = await productsOf('c9')
    const [ten] = await productsOf('c10')
    expect(nine!.id).not.toBe(ten!.id)
    expect([nine!.support_end_date, ten!.support_end_date]).toEqual(['2024-01-31', null])
  })

  it('keeps a case without a developer party, named after its report, in no organisation\'s catalogue', async () => {
    expect(await productsOf('c4')).toEqual([expect.objectContaining({ organization_id: null, name_ja: '報告された製品 c4', support_end_date: '2020-06-30' })])
  })

  it('moves a confirmed name without a date, and leaves cases that had nothing without products', async () => {
    expect(await productsOf('c5')).toEqual([expect.objectContaining({ organization_id: 'org-2', name_ja: 'NAS-9', support_end_date: null })])
    expect(await productsOf('c6')).toEqual([])
  })

  it('leaves what each case\'s end-of-life handling reads as it was: the date, product, version and whether support has ended', async () => {
    const at = new Date('2026-04-01T01:00:00Z')
    const reading = async (caseId: string) => {
      const end = await caseSupportEnd(h.db, caseId)
      return [end.supportEndDate, end.productName, end.productVersion, supportStatus({ support_end_date: end.supportEndDate, ended_without_date: end.endedWithoutDate }, at)]
    }
    expect(await reading('c1')).toEqual(['2025-12-31', 'WR-1000', '1.2.3 以前', 'end_of_life'])
    expect(await reading('c2')).toEqual(['2025-12-31', 'WR-1000', '1.x', 'end_of_life'])
    expect(await reading('c3')).toEqual(['2027-03-31', 'WR-1000', null, 'supported'])
    expect(await reading('c4')).toEqual(['2020-06-30', '報告された製品 c4', null, 'end_of_life'])
    expect(await reading('c5')).toEqual([null, 'NAS-9', null, 'supported'])
    expect(await reading('c6')).toEqual([null, null, null, 'supported'])
    expect(await reading('c7')).toEqual([null, 'WR-500', null, 'supported'])
    expect(await reading('c10')).toEqual([null, 'CAM-1', null, 'supported'])
  })

  it('drops the per-case columns', async () => {
    const columns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'cases'`.execute(h.db)).rows.map((r) => r.column_name)
    expect(columns).not.toContain('support_end_date')
    expect(columns).not.toContain('eol_product_name')
    expect(columns).not.toContain('eol_product_version')
  })
})
