import { sql, type Kysely } from 'kysely'

/**
 * The CSAF trusted provider (issue 10): the detached signatures it made, one per exact document
 * bytes, so a document's `.asc` stays the same between requests and processes. (The provider's
 * own signing key, when keikai makes it, is a row of `platform_keys` with purpose `csaf`.)
 * Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table csaf_signatures (
      advisory_id text not null references advisories(id) on delete cascade,
      document_sha256 text not null check (document_sha256 ~ '^[0-9a-f]{64}$'),
      key_fingerprint text not null,
      signature text not null,
      created_at timestamptz not null,
      primary key (advisory_id, document_sha256, key_fingerprint)
    )`.execute(db)
}
