/** Kysely types of the deadlines tables (migration in src/platform/db/migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeadlinesTables {}
