import { sql, type Kysely } from 'kysely'

/**
 * End-of-life products, other endings and duplicates (issue 3). Frozen once released: never import
 * application code here, so the handling list is copied.
 *
 * - `support_end_date`: the product's end of support (サポート終了), a calendar date in Japan; with
 *   the product name and version the coordinator confirmed (null: as the report named them).
 * - `eol_handling`: which of DESIGN §3's handlings A–E the coordinator chose, and when.
 * - `ended_on` / `ending_note`: the date and note of a 個別対応 or low-impact closure (closed_at
 *   keeps the instant it was recorded).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cases add column support_end_date date`.execute(db)
  await sql`alter table cases add column eol_product_name text`.execute(db)
  await sql`alter table cases add column eol_product_version text`.execute(db)
  await sql`alter table cases add column eol_handling text check (eol_handling in ('A', 'B', 'C', 'D', 'E'))`.execute(db)
  await sql`alter table cases add column eol_handling_at timestamptz`.execute(db)
  await sql`alter table cases add column ended_on date`.execute(db)
  await sql`alter table cases add column ending_note text`.execute(db)
  await sql`alter table cases add constraint cases_eol_handling_dated check ((eol_handling is null) = (eol_handling_at is null))`.execute(db)
  // The duplicates of a case, found from the case they were joined to.
  await sql`create index cases_duplicate_of_idx on cases (duplicate_of) where duplicate_of is not null`.execute(db)
}
