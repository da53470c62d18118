import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import type { CvssSeverity } from './cvss.js'
import { likePattern, normalizeFilter, parseSearch, termOf, type SearchTerm } from './search.js'
import { isJvndbId } from './identifiers.js'
import { listRevisions, toAdvisoryRecord, type AdvisoryRecord, type AdvisoryRevision } from './advisories.repository.js'


const COLUMNS = [
  'advisories.id', 'advisories.case_id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.status', 'advisories.publish_at',
  'advisories.published_at', 'advisories.content', 'advisories.created_at', 'advisories.updated_at', 'advisories.source', 'advisories.source_ids',
] as const

export type SearchSort = 'date' | 'relevance'

export type PublicFilters = {
  /** Words, all of which must match: substrings of any length, or identifiers matched exactly. */
  q?: string
  cwe?: string
  severity?: CvssSeverity
  /** A part of a developer's or a product's name (either language), normalised like the query. */
  developer?: string
  product?: string
  /** The year of publication (Japan time). */
  year?: number
  /** Newest first (default), or relevance: title hits first, newest first within each. */
  sort?: SearchSort
  limit: number
  offset: number
  /** Also count the matches: exactly up to COUNT_CAP, beyond it only that there are more. */
  count?: boolean
}

export type MatchCount = { count: number; capped: boolean }
export type PublicList = { items: AdvisoryRecord[]; hasMore: boolean; total?: MatchCount }

export const COUNT_CAP = 1000

type Cond = RawBuilder<boolean>

/** What each word and filter requires of a row, as SQL over the search columns (migration 0024). */
function conditionsOf(terms: SearchTerm[], f: PublicFilters): Cond[] {
  const conds = terms.map(termCondition)
  if (f.cwe) conds.push(sql<boolean>`advisories.search_cwes @> array[${f.cwe.toUpperCase()}]::text[]`)
  if (f.severity) conds.push(sql<boolean>`advisories.search_severity = ${f.severity}`)
  for (const [value, column] of [[normalizeFilter(f.developer), 'search_developers'], [normalizeFilter(f.product), 'search_products']] as const) {
    if (!value) continue
    // The name's words through the search text's indexes, then the name itself among the row's names.
    for (const word of value.split(' ')) conds.push(termCondition(textTerm(word)))
    conds.push(sql<boolean>`array_to_string(${sql.ref(`advisories.${column}`)}, ${'\n'}) like ${likePattern(value)}`)
  }
  return conds
}

/**
 * The portal's search of `q` as SQL conditions over `advisories` (every word required; identifiers
 * exact), for another public query that searches the same way (MyJVN's `keyword`).
 */
export const searchConditions = (q: string): RawBuilder<boolean>[] => conditionsOf(parseSearch(q), { limit: 0, offset: 0 })

const textTerm = (word: string): SearchTerm => {
  const t = termOf(word)
  return t.kind === 'text' ? t : { kind: 'text', text: word, grams: [], indexed: true }
}

function termCondition(t: SearchTerm): Cond {
  if (t.kind === 'id') {
    return t.column === 'jvndb_id'
      ? sql<boolean>`(advisories.jvndb_id = ${t.value} or advisories.search_ids @> array[${t.value.toLowerCase()}]::text[])`
      : sql<boolean>`advisories.search_ids @> array[${t.value}]::text[]`
  }
  const pattern = likePattern(t.text)
  if ([...t.text].length >= 3) return sql<boolean>`advisories.search_text like ${pattern}`
  // 1–2 characters have no trigram: non-ASCII ones are found through their grams; ASCII ones are
  // only checked on the rows walked (the expression hides the column from the trigram index).
  if (t.indexed) return sql<boolean>`(advisories.search_grams @> array[${sql.join(t.grams)}]::text[] and advisories.search_text like ${pattern})`
  return sql<boolean>`(advisories.search_text || '') like ${pattern}`
}

/** Public advisories, in the year asked for if any. */
function publicIn(db: DB, now: Date, year: number | undefined) {
  let q = publicAdvisories(db, now)
  if (year !== undefined) {
    q = q.where('advisories.publish_at', '>=', new Date(`${year}-01-01T00:00:00+09:00`))
      .where('advisories.publish_at', '<', new Date(`${year + 1}-01-01T00:00:00+09:00`))
  }
  return q
}

const SEARCH_COLUMNS = [
  'advisories.search_text', 'advisories.search_title', 'advisories.search_grams', 'advisories.search_ids', 'advisories.search_cwes',
  'advisories.search_severity', 'advisories.search_developers', 'advisories.search_products',
] as const

type Row = Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>[number]
const rowsQuery = (db: DB, now: Date) => publicAdvisories(db, now).select(COLUMNS)

/** Matches `skip`…`skip + take` (newest first), and how many there are when that was learnt on the way. */
type Slice = { rows: Row[]; total: number | null; density: number }

/**
 * One slice of the matches, newest first, found so that common and rare words both stay fast
 * whatever the planner believes: first among the newest rows only (a bounded walk of the
 * publication-time index: enough for a common word), then among ten times as many, and when those
 * still hold too few, every match through the search indexes (a rare word: few rows, sorted after,
 * and counted on the way). `density` is the share of the walked rows that matched.
 */
async function newestMatches(db: DB, now: Date, f: PublicFilters, conds: Cond[], skip: number, take: number): Promise<Slice> {
  const need = skip + take
  let window = Math.min(5000, Math.max(250, need * 10))
  let density = 0
  for (let pass = 0; pass < 2; pass++, window *= 10) {
    const recent = publicIn(db, now, f.year).select([...COLUMNS, ...SEARCH_COLUMNS])
      .orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc').limit(window)
    let q = db.selectFrom(recent.as('advisories')).select([...COLUMNS, sql<string>`count(*) over ()`.as('matches')])
    for (const c of conds) q = q.where(c)
    const rows = await q.orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc').offset(skip).limit(take).execute()
    const matches = rows.length ? Number(rows[0]!.matches) : 0
    density = matches / window
    if (matches >= need) return { rows: rows as unknown as Row[], total: null, density }
    if (density < 0.002) break // a rare word: straight to the indexes
  }

  let all = publicIn(db, now, f.year).select(['advisories.id', 'advisories.publish_at', 'advisories.identifier'])
  for (const c of conds) all = all.where(c)
  const top = await db.with((w) => w('m').materialized(), () => all)
    .with('counted', (w) => w.selectFrom('m').select(sql<string>`count(*)`.as('total')))
    .with('top', (w) => w.selectFrom('m').select(['m.id', 'm.publish_at', 'm.identifier'])
      .orderBy('m.publish_at', 'desc').orderBy('m.identifier', 'desc').offset(skip).limit(take))
    .selectFrom('counted').leftJoin('top', (j) => j.onTrue()).select(['counted.total', 'top.id']).execute()
  const ids = top.flatMap((r) => (r.id ? [r.id] : []))
  const byId = new Map((ids.length ? await rowsQuery(db, now).where('advisories.id', 'in', ids).execute() : []).map((r) => [r.id, r]))
  return { rows: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), total: Number(top[0]!.total), density }
}

/** How many rows match, exactly up to COUNT_CAP: never counts further than COUNT_CAP + 1. */
async function countMatches(db: DB, now: Date, f: PublicFilters, conds: Cond[], density: number): Promise<number> {
  let q = publicIn(db, now, f.year).select(sql<number>`1`.as('one'))
  for (const c of conds) q = q.where(c)
  // A common match is counted walking the newest rows (it reaches the cap soon); a rarer one through
  // the search indexes (the CTE keeps the planner from walking every row for it).
  const counted = density >= 0.1 || conds.length === 0
    ? await db.selectFrom(q.orderBy('advisories.publish_at', 'desc').limit(COUNT_CAP + 1).as('c')).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
    : await db.with((w) => w('m').materialized(), () => q).selectFrom((eb) => eb.selectFrom('m').select('m.one').limit(COUNT_CAP + 1).as('c'))
      .select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(counted.n)
}

const capped = (n: number): MatchCount => ({ count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP })

/**
 * Public advisories, newest publication first (or by relevance), with search and filters; fetches
 * one extra row to tell whether a next page exists, and counts the matches when asked.
 */
export async function listPublicAdvisories(db: DB, now: Date, f: PublicFilters): Promise<PublicList> {
  const terms = parseSearch(f.q)
  const conds = conditionsOf(terms, f)
  if (conds.length === 0) {
    const rows = await publicIn(db, now, f.year).select(COLUMNS).orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc')
      .limit(f.limit + 1).offset(f.offset).execute()
    const total = f.count ? capped(await countMatches(db, now, f, [], 1)) : undefined
    return { items: rows.slice(0, f.limit).map(toAdvisoryRecord), hasMore: rows.length > f.limit, ...(total && { total }) }
  }

  const titleConds = f.sort === 'relevance'
    ? terms.flatMap((t) => (t.kind === 'text' ? [sql<boolean>`advisories.search_title like ${likePattern(t.text)}`] : []))
    : []
  let rows: Row[]
  let total: number | null
  let density: number
  if (titleConds.length > 0) {
    // Relevance: the title hits (newest first), then the other matches (newest first). A slice
    // short of its length was the last of its tier, and then its tier's total is known.
    const first = await newestMatches(db, now, f, [...conds, ...titleConds], f.offset, f.limit + 1)
    rows = first.rows
    total = null
    density = first.density
    if (rows.length < f.limit + 1 && first.total !== null) {
      const rest = await newestMatches(db, now, f, [...conds, sql<boolean>`not (${sql.join(titleConds, sql` and `)})`],
        Math.max(0, f.offset - first.total), f.limit + 1 - rows.length)
      rows = [...rows, ...rest.rows]
      total = rest.total === null ? null : first.total + rest.total
      density += rest.density
    }
  } else {
    ({ rows, total, density } = await newestMatches(db, now, f, conds, f.offset, f.limit + 1))
  }
  const counted = !f.count ? undefined : capped(total ?? await countMatches(db, now, f, conds, density))
  return { items: rows.slice(0, f.limit).map(toAdvisoryRecord), hasMore: rows.length > f.limit, ...(counted && { total: counted }) }
}

/** One public advisory by its identifier (`JVN#12345678`) or its JVN iPedia number (`JVNDB-2026-000001`), with its revision history; null if not public. */
export async function findPublicAdvisory(db: DB, now: Date, identifier: string): Promise<{ advisory: AdvisoryRecord; revisions: AdvisoryRevision[] } | null> {
  const row = await publicAdvisories(db, now).select(COLUMNS)
    .where(isJvndbId(identifier) ? 'advisories.jvndb_id' : 'advisories.identifier', '=', identifier).executeTakeFirst()
  if (!row) return null
  const advisory = toAdvisoryRecord(row)
  return { advisory, revisions: await listRevisions(db, advisory.id) }
}

/** Whether the public can already see this advisory: editing it then needs a revision. */
export async function isPubliclyVisible(db: DB, now: Date, advisoryId: string): Promise<boolean> {
  return Boolean(await publicAdvisories(db, now).select('advisories.id').where('advisories.id', '=', advisoryId).executeTakeFirst())
}

/** The latest revision time of each advisory: the feed's modified dates, in one query. */
export async function latestRevisionTimes(db: DB, advisoryIds: string[]): Promise<Map<string, Date>> {
  if (advisoryIds.length === 0) return new Map()
  const rows = await db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')])
    .where('advisory_id', 'in', advisoryIds).groupBy('advisory_id').execute()
  return new Map(rows.map((r) => [r.advisory_id, new Date(r.latest as Date)]))
}
