import { sql, type Kysely } from 'kysely'

/**
 * Issue 13: mail that carries headers of its own — a list mail's `List-Unsubscribe` and
 * `List-Unsubscribe-Post` (RFC 2369, RFC 8058). `headers` is a JSON object of header name → value,
 * added to the ones delivery always sets. Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox add column headers jsonb`.execute(db)
}
