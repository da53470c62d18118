import { sql, type Kysely } from 'kysely'

/**
 * OpenPGP mail (issue: encrypted and signed mail): the platform's own key pair, whether a sent mail
 * went out encrypted, and the key a finder may give with a report. Frozen once released: never
 * import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per purpose ('openpgp'); the private key armored, encrypted when a passphrase is configured.
  await sql`
    create table platform_keys (
      purpose text primary key,
      fingerprint text not null,
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null
    )`.execute(db)
  await sql`alter table mail_outbox add column encrypted boolean not null default false`.execute(db)
  await sql`alter table reports add column finder_pgp_public_key text`.execute(db)
}
