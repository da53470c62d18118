import { sql, type Kysely } from 'kysely'

/**
 * Account hardening (issue 8): password guessing limited per account, and tracking links that can
 * be replaced and revoked. Frozen once released: never import application code here.
 *
 * - `sign_in_failures`: failed sign-ins per normalised e-mail address — for addresses without an
 *   account too, so the answer never tells whether one exists — and until when further tries wait.
 * - `reports.tracking_revoked_at`: when staff revoked the report's tracking link (the hash is
 *   replaced by one of a secret nobody has); null while a link works.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sign_in_failures (
      email text primary key,
      failures integer not null,
      last_failure_at timestamptz not null,
      blocked_until timestamptz
    )`.execute(db)
  await sql`alter table reports add column tracking_revoked_at timestamptz`.execute(db)
}
