import { sql, type Kysely } from 'kysely'

/**
 * Accounts an administrator can run (issue 9):
 * - `users.last_sign_in_at`: when the account last finished signing in, for the administrator's list;
 * - `api_tokens.expires_at`: a token may be given an end at creation; null, it lasts until revoked;
 * - `password_resets`: single-use "forgot password" links, stored only as SHA-256 of the secret,
 *   valid until `expires_at`, spent at `used_at`;
 * - `audit_log`: every administrative change to an account (and invitations), with who, what,
 *   whom, when, and the state before and after; `seq` orders entries made at the same instant.
 * Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column last_sign_in_at timestamptz`.execute(db)
  await sql`alter table api_tokens add column expires_at timestamptz`.execute(db)
  await sql`
    create table password_resets (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db)
  await sql`create index password_resets_user on password_resets (user_id, created_at)`.execute(db)
  await sql`
    create table audit_log (
      id text primary key,
      seq bigint generated always as identity,
      at timestamptz not null,
      actor_id text references users(id) on delete set null,
      action text not null,
      subject_user_id text references users(id) on delete set null,
      subject_label text,
      before jsonb,
      after jsonb
    )`.execute(db)
  await sql`create index audit_log_at on audit_log (at desc, seq desc)`.execute(db)
}
