import { sql, type Kysely } from 'kysely'

/** TOTP for staff and committee accounts (DESIGN §5), and sessions that remember the second factor. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column totp_secret text`.execute(db)
  await sql`alter table users add column totp_pending_secret text`.execute(db)
  await sql`alter table users add column totp_last_step bigint`.execute(db)
  await sql`alter table sessions add column second_factor_done boolean not null default false`.execute(db)
}
