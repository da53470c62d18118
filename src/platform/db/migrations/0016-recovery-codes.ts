import { sql, type Kysely } from 'kysely'

/**
 * Recovery codes for the second factor (issue 8): an account that turned TOTP on gets ten
 * single-use codes, shown once, to sign in with when the authenticator app is lost. Stored only
 * as SHA-256 of the normalised code; `used_at` marks a spent one. Frozen once released: never
 * import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table recovery_codes (
      user_id text not null references users(id) on delete cascade,
      code_hash text not null,
      created_at timestamptz not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`.execute(db)
}
