/** Kysely types of the committee tables (migration in src/platform/db/migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommitteeTables {}
