import { sql, type Kysely } from 'kysely'

/**
 * Issue 12: search over JVN iPedia-scale data. Frozen once released: never import application code here.
 *
 * Besides `search_text` (NFKC + lower case, pg_trgm index: terms of 3 characters and more), every
 * advisory row gets search columns written by the application's `searchColumnsOf`:
 * - `search_text` now also folds katakana into hiragana (ルータ = るーた), rewritten here;
 * - `search_grams`: the distinct single non-ASCII letters and adjacent pairs of them in the search
 *   text (電機 → 電, 機, 電機), GIN-indexed, so that a 1–2 character Japanese term finds its rows
 *   through an index even when they are few;
 * - `search_ids`: identifier and CVE ids, normalised, GIN-indexed (exact identifier search);
 * - `search_title`: the normalised titles (relevance: title hits first);
 * - `search_cwes` (GIN), `search_severity`, `search_developers`, `search_products`: the filters.
 * Existing rows are backfilled here from their content with a copy of the rules as they are today.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table advisories
    add column search_title text not null default '',
    add column search_grams text[] not null default '{}',
    add column search_ids text[] not null default '{}',
    add column search_cwes text[] not null default '{}',
    add column search_severity text,
    add column search_developers text[] not null default '{}',
    add column search_products text[] not null default '{}'`.execute(db)

  let after = ''
  for (;;) {
    const rows = await db.selectFrom('advisories').select(['id', 'identifier', 'content', 'search_text'])
      .where('id', '>', after).orderBy('id').limit(500).execute()
    if (rows.length === 0) break
    for (const r of rows) await db.updateTable('advisories').set(columnsOf(r)).where('id', '=', r.id).execute()
    after = rows[rows.length - 1]!.id
  }

  // A GIN index takes new rows into a pending list that every search reads through until it is
  // merged (by vacuum, or when it outgrows this limit): 1 MB instead of 4 keeps searches quick after
  // a bulk import, above all on PGlite, which has no autovacuum.
  await sql`create index advisories_search_grams_idx on advisories using gin (search_grams) with (gin_pending_list_limit = 1024)`.execute(db)
  await sql`alter index advisories_search_idx set (gin_pending_list_limit = 1024)`.execute(db)
  await sql`create index advisories_search_ids_idx on advisories using gin (search_ids)`.execute(db)
  await sql`create index advisories_search_cwes_idx on advisories using gin (search_cwes)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index advisories_search_idx reset (gin_pending_list_limit)`.execute(db)
  for (const index of ['advisories_search_grams_idx', 'advisories_search_ids_idx', 'advisories_search_cwes_idx']) {
    await sql`drop index ${sql.raw(index)}`.execute(db)
  }
  for (const column of ['search_title', 'search_grams', 'search_ids', 'search_cwes', 'search_severity', 'search_developers', 'search_products']) {
    await sql`alter table advisories drop column ${sql.raw(column)}`.execute(db)
  }
}

// ---- the rules as of this migration (a copy, never the application's) ----

const foldKana = (s: string): string => s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
const normalize = (s: string): string => foldKana(s.normalize('NFKC').toLowerCase())
const isGramChar = (ch: string) => /[^\x00-\x7f]/u.test(ch) && /[\p{L}\p{N}\p{M}]/u.test(ch)

function gramsOf(text: string): string[] {
  const grams = new Set<string>()
  let prev = ''
  for (const ch of text) {
    if (!isGramChar(ch)) { prev = ''; continue }
    grams.add(ch)
    if (prev) grams.add(prev + ch)
    prev = ch
  }
  return [...grams]
}

/** A name as stored: `{ ja, en }`, or a single string written before migration 0018. */
const namesOf = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? [String((v as any).ja ?? ''), String((v as any).en ?? '')] : []

function columnsOf(r: { identifier: string | null; content: unknown; search_text: string }) {
  const c = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content ?? {}) as Record<string, any>
  const products: any[] = Array.isArray(c.affectedProducts) ? c.affectedProducts : []
  const vulns: any[] = Array.isArray(c.vulnerabilities) ? c.vulnerabilities : []
  const unique = (xs: unknown[]) => [...new Set(xs.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => normalize(x).trim()))]
  const text = foldKana(r.search_text)
  return {
    search_text: text,
    search_title: normalize(`${c.title?.ja ?? ''}\n${c.title?.en ?? ''}`),
    search_grams: gramsOf(text),
    search_ids: unique([r.identifier, ...vulns.map((v) => v?.cveId)]),
    search_cwes: [...new Set(vulns.map((v) => v?.cweId).filter((x): x is string => typeof x === 'string' && x !== '').map((x) => x.toUpperCase()))],
    search_severity: typeof c.severity === 'string' ? c.severity : null,
    search_developers: unique(products.flatMap((p) => namesOf(p?.developer))),
    search_products: unique(products.flatMap((p) => namesOf(p?.product))),
  }
}
