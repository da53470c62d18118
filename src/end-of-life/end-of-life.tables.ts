/** Kysely types of the end-of-life tables (migration in src/platform/db/migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EndOfLifeTables {}
