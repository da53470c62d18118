import type { Kysely } from 'kysely'

/** Tables of end-of-life (issue 3). Frozen once released: never import application code here. */
export async function up(_db: Kysely<any>): Promise<void> {}
