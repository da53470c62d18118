import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'

/**
 * The product catalogue (issue: product catalogue). Frozen once released: never import
 * application code here.
 *
 * - `products`: a developer organisation's products: bilingual name, versions (free text), an
 *   optional CPE 2.3 name, the support-end date (サポート終了日, the last day of support) or,
 *   without a known date, `ended_without_date` saying support has ended all the same, and notes.
 *   `organization_id` is null only for a product known to its cases alone (moved here from a case
 *   that had end-of-life data but no developer party; see below).
 * - `case_products`: the products a case concerns, with the versions affected in that case.
 *
 * The per-case end-of-life columns of 0006 (`support_end_date`, `eol_product_name`,
 * `eol_product_version`) move into products: for each case with any of them, oldest case first,
 * a product of the case's first developer party's organisation (or an organisation-less one when
 * the case has no party) named after the confirmed name, else the first report's product name,
 * else the case title. A product of that organisation with the same name is reused when its
 * support-end date is the same (both unknown counts as the same); a different date, or a date on
 * one side only, makes a product of its own, so no case's end-of-life handling changes. The version goes to the case's
 * `versions_affected` (and the versions of a new product). The columns are then dropped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table products (
      id text primary key,
      organization_id text references organizations(id),
      name_ja text not null,
      name_en text not null,
      versions text not null default '',
      cpe text,
      support_end_date date,
      ended_without_date boolean not null default false,
      notes text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint products_end_known_or_flagged check (not (ended_without_date and support_end_date is not null))
    )`.execute(db)
  await sql`create index products_organization_idx on products (organization_id, name_ja)`.execute(db)
  await sql`
    create table case_products (
      case_id text not null references cases(id),
      product_id text not null references products(id),
      versions_affected text not null default '',
      added_at timestamptz not null default now(),
      primary key (case_id, product_id)
    )`.execute(db)
  await sql`create index case_products_product_idx on case_products (product_id)`.execute(db)

  const { rows } = await sql<{ id: string; title: string; support_end_date: string | null; eol_product_name: string | null; eol_product_version: string | null; created_at: Date }>`
    select id, title, to_char(support_end_date, 'YYYY-MM-DD') as support_end_date, eol_product_name, eol_product_version, created_at from cases
    where support_end_date is not null or eol_product_name is not null or eol_product_version is not null
    order by created_at, id`.execute(db)
  for (const k of rows) {
    const party = (await sql<{ organization_id: string }>`
      select organization_id from case_parties where case_id = ${k.id} order by created_at, id limit 1`.execute(db)).rows[0]
    const reported = (await sql<{ name: string | null }>`
      select details->>'productName' as name from reports where case_id = ${k.id} order by submitted_at, id limit 1`.execute(db)).rows[0]
    const name = k.eol_product_name?.trim() || reported?.name?.trim() || k.title
    const orgId = party?.organization_id ?? null
    const reusable = orgId === null ? undefined : (await sql<{ id: string }>`
      select id from products where organization_id = ${orgId} and (name_ja = ${name} or name_en = ${name})
      and support_end_date is not distinct from ${k.support_end_date}::date
      order by created_at, id limit 1`.execute(db)).rows[0]
    let productId: string
    if (reusable) {
      productId = reusable.id
    } else {
      productId = randomUUID()
      await sql`insert into products (id, organization_id, name_ja, name_en, versions, support_end_date, notes, created_at, updated_at)
        values (${productId}, ${orgId}, ${name}, ${name}, ${k.eol_product_version ?? ''}, ${k.support_end_date}::date, '', ${k.created_at}, ${k.created_at})`.execute(db)
    }
    await sql`insert into case_products (case_id, product_id, versions_affected, added_at)
      values (${k.id}, ${productId}, ${k.eol_product_version ?? ''}, ${k.created_at}) on conflict do nothing`.execute(db)
  }

  await sql`alter table cases drop column support_end_date`.execute(db)
  await sql`alter table cases drop column eol_product_name`.execute(db)
  await sql`alter table cases drop column eol_product_version`.execute(db)
}
