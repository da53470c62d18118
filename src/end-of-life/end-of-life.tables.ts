import type { ColumnType } from 'kysely'

/** Kysely types of the end-of-life tables (migration in src/platform/db/migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EndOfLifeTables {}

/** DESIGN §3's end-of-life handlings; the database CHECK holds the same list. */
export const EOL_HANDLINGS = ['A', 'B', 'C', 'D', 'E'] as const
export type EolHandling = (typeof EOL_HANDLINGS)[number]

type OptionalOnInsert<T> = ColumnType<T | null, T | null | undefined, T | null>

// The columns migration 0006 adds to `cases` (its support-end date, product name and version moved to the
// product catalogue in 0014: a case's support end is its products').
declare module '../platform/db/schema.js' {
  interface CasesTable {
    eol_handling: OptionalOnInsert<EolHandling>
    eol_handling_at: OptionalOnInsert<Date>
    /** The date a 個別対応 or low-impact closure took effect, YYYY-MM-DD. */
    ended_on: OptionalOnInsert<string>
    ending_note: OptionalOnInsert<string>
  }
}
