import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { randomDigits } from '../platform/secrets.js'

export type CaseSource = 'finder' | 'self_report' | 'overseas'

/**
 * `JVN#` for cases coordinated within the Partnership (a finder's report or a developer's own
 * report), `JVNVU#` for coordination with overseas CSIRTs and vendors (DESIGN §3, §6).
 */
export const identifierPrefix = (source: CaseSource): 'JVN#' | 'JVNVU#' => (source === 'overseas' ? 'JVNVU#' : 'JVN#')

/** Random, not sequential: an identifier must not reveal how many advisories are in the pipeline. */
export const newIdentifier = (source: CaseSource, digits: () => string = () => randomDigits(8)): string =>
  identifierPrefix(source) + digits()

const SLUG = /^(JVN|JVNVU)(\d{8})$/
const OWN = /^(JVN|JVNVU)#\d{8}$/
const SAFE_BYTE = /^[A-Za-z0-9._-]$/
const ESCAPED_SLUG = /^(?:[A-Za-z0-9._-]|~[0-9A-F]{2})+$/
const hex = (byte: number) => `~${byte.toString(16).toUpperCase().padStart(2, '0')}`

/**
 * The URL path segment of an identifier. keikai's own: `JVN#12345678` → `JVN12345678` (`#` cannot
 * appear in a path). Any other (an imported entry's JVNDB-…, CVE-…, or a CSAF tracking id such as
 * `RHSA-2021:5186`): letters, digits, `.`, `_` and `-` as they are, every other UTF-8 byte as `~XX`
 * (`RHSA-2021~3A5186`). A result that would read as a JVN# slug has its first letter escaped too,
 * so that every identifier has one slug and every slug one identifier.
 */
export function identifierSlug(identifier: string): string {
  if (OWN.test(identifier)) return identifier.replace('#', '')
  let out = ''
  for (const byte of new TextEncoder().encode(identifier)) {
    const ch = String.fromCharCode(byte)
    out += SAFE_BYTE.test(ch) ? ch : hex(byte)
  }
  return SLUG.test(out) ? hex(out.charCodeAt(0)) + out.slice(1) : out
}

/** The identifier a slug stands for (the reverse of `identifierSlug`), or null when it is no identifier's slug. */
export function identifierFromSlug(slug: string): string | null {
  const m = SLUG.exec(slug)
  if (m) return `${m[1]}#${m[2]}`
  if (!ESCAPED_SLUG.test(slug)) return null
  const bytes: number[] = []
  for (let i = 0; i < slug.length; i++) {
    if (slug[i] === '~') { bytes.push(parseInt(slug.slice(i + 1, i + 3), 16)); i += 2 } else bytes.push(slug.charCodeAt(i))
  }
  let identifier: string
  try {
    identifier = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes))
  } catch {
    return null
  }
  return identifierSlug(identifier) === slug ? identifier : null
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505'

/**
 * Gives the advisory a fresh identifier inside the caller's transaction. A collision with an
 * existing identifier (the unique column decides) rolls back to a savepoint and draws again, so
 * the surrounding transaction survives it.
 */
export async function assignIdentifier(trx: DB, advisoryId: string, source: CaseSource, digits?: () => string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = newIdentifier(source, digits)
    await sql`savepoint assign_identifier`.execute(trx)
    try {
      await trx.updateTable('advisories').set({ identifier: candidate }).where('id', '=', advisoryId).execute()
      await sql`release savepoint assign_identifier`.execute(trx)
      return candidate
    } catch (e) {
      await sql`rollback to savepoint assign_identifier`.execute(trx)
      if (!isUniqueViolation(e)) throw e
    }
  }
  throw new Error('No free advisory identifier after 20 draws.')
}

const JVNDB_ID = /^JVNDB-(\d{4})-(\d{6})$/

/** Whether a string is a JVN iPedia number, `JVNDB-2026-000123`. */
export const isJvndbId = (s: string): boolean => JVNDB_ID.test(s)

/** The year (Japan time, UTC+9 all year round) a publication time falls in. */
export const jstYear = (d: Date): number => new Date(d.getTime() + 9 * 3600_000).getUTCFullYear()

/**
 * Gives the advisory its JVN iPedia number as it is published, inside the caller's transaction:
 * the next number of its publication year (JST), counted in `jvndb_sequences` so that a number is
 * never given twice, and added to its search text. Numbers are given at publication, not when an
 * advisory is scheduled: numbered in publication order, the public sees no gap that would betray
 * an advisory still waiting for its date. One that has a number keeps it.
 */
export async function assignJvndbId(trx: DB, advisoryId: string, current: string | null, publishAt: Date): Promise<string> {
  if (current) return current
  const year = jstYear(publishAt)
  const { last_number } = await trx.insertInto('jvndb_sequences').values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql<number>`jvndb_sequences.last_number + 1` }))
    .returning('last_number').executeTakeFirstOrThrow()
  const jvndbId = `JVNDB-${year}-${String(last_number).padStart(6, '0')}`
  await trx.updateTable('advisories')
    .set({ jvndb_id: jvndbId, search_text: sql<string>`search_text || ${'\n' + jvndbId.toLowerCase()}` })
    .where('id', '=', advisoryId).execute()
  return jvndbId
}
