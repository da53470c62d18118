/** Kysely types of the uncontactable tables (migration in src/platform/db/migrations/). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface UncontactableTables {}
