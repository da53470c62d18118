import { normalizeForSearch, searchGramsOf } from './advisory-content.js'

/**
 * How one word of a reader's search is looked up (all words must match):
 * - `id`: an identifier (JVN#, JVNVU#, JVNTA#, their slugs, JVNDB-…, CVE-…), matched exactly;
 * - `text`: a substring of the normalised search text. From 3 characters the trigram index finds
 *   it; a 1–2 character term with a non-ASCII letter is found through its grams (`grams`); a 1–2
 *   character ASCII term has no index and is only checked on the rows walked newest first.
 */
export type SearchTerm =
  | { kind: 'id'; column: 'search_ids' | 'jvndb_id'; value: string }
  | { kind: 'text'; text: string; grams: string[]; indexed: boolean }

const JVN_ID = /^(jvn|jvnvu|jvnta)#?(\d{8})$/
const JVNDB_ID = /^jvndb-\d{4}-\d{6}$/
const CVE_ID = /^cve-\d{4}-\d{4,}$/

/** At most this many words count; the rest of a very long query is ignored. */
export const MAX_TERMS = 8

export function parseSearch(q: string | undefined): SearchTerm[] {
  const terms = normalizeForSearch(q ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_TERMS).map(termOf)
  // The same term twice (JVN12345678 and JVN#12345678) is looked up once.
  return [...new Map(terms.map((t) => [JSON.stringify(t), t])).values()]
}

export function termOf(word: string): SearchTerm {
  const jvn = JVN_ID.exec(word)
  if (jvn) return { kind: 'id', column: 'search_ids', value: `${jvn[1]}#${jvn[2]}` }
  if (JVNDB_ID.test(word)) return { kind: 'id', column: 'jvndb_id', value: word.toUpperCase() }
  if (CVE_ID.test(word)) return { kind: 'id', column: 'search_ids', value: word }
  const length = [...word].length
  if (length >= 3) return { kind: 'text', text: word, grams: [], indexed: true }
  // 電機 → the pair 電機; a電 → the single letter 電 (and the substring check does the rest).
  const all = searchGramsOf(word)
  const pairs = all.filter((g) => [...g].length === 2)
  const grams = pairs.length > 0 ? pairs : all
  return { kind: 'text', text: word, grams, indexed: grams.length > 0 }
}

/** `%`, `_` and `\` typed by a reader are literal characters, not LIKE wildcards. */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/** A filter's text (developer, product) normalised like the stored names. */
export const normalizeFilter = (s: string | undefined): string | undefined => {
  const n = s === undefined ? '' : normalizeForSearch(s).trim().replace(/\s+/g, ' ')
  return n === '' ? undefined : n
}
