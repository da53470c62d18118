import { sql, type Kysely } from 'kysely'

/**
 * Bilingual names (issue 9, "English complete"). Frozen once released: never import application
 * code here.
 *
 * - Advisories: each affected product's developer, product and versions in `advisories.content`
 *   were single strings; each becomes `{ ja, en }`. The old string goes to `ja`, and to `en` as
 *   well when it is plain ASCII ("Example Corp", "WR-1000", "1.2.3") — a name in Japanese script
 *   gets an empty English, which pages show as the Japanese marked "Japanese only".
 * - Uncontactable listings: `product_name` / `product_versions` become `product_name_ja` /
 *   `product_versions_ja` with `product_name_en` / `product_versions_en` beside them, filled by
 *   the same rule (the developer's name was bilingual already).
 */
const ASCII_ONLY = /^[\x20-\x7E]*$/
const pair = (v: unknown): unknown => (typeof v === 'string' ? { ja: v, en: ASCII_ONLY.test(v) ? v : '' } : v)

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ id: string; content: unknown }>`select id, content from advisories`.execute(db)
  for (const row of rows) {
    const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as { affectedProducts?: Array<Record<string, unknown>> } | null
    const products = content?.affectedProducts
    if (!Array.isArray(products) || !products.some((p) => ['developer', 'product', 'versions'].some((k) => typeof p?.[k] === 'string'))) continue
    const next = {
      ...content,
      affectedProducts: products.map((p) => ({ ...p, developer: pair(p.developer), product: pair(p.product), versions: pair(p.versions ?? '') })),
    }
    await sql`update advisories set content = ${JSON.stringify(next)}::jsonb where id = ${row.id}`.execute(db)
  }

  await sql`alter table uncontactable_listings rename column product_name to product_name_ja`.execute(db)
  await sql`alter table uncontactable_listings rename column product_versions to product_versions_ja`.execute(db)
  await sql`alter table uncontactable_listings add column product_name_en text not null default ''`.execute(db)
  await sql`alter table uncontactable_listings add column product_versions_en text not null default ''`.execute(db)
  await sql`update uncontactable_listings set product_name_en = product_name_ja where product_name_ja ~ '^[ -~]*$'`.execute(db)
  await sql`update uncontactable_listings set product_versions_en = product_versions_ja where product_versions_ja ~ '^[ -~]*$'`.execute(db)
}
