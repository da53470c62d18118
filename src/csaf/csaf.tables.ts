import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** The provider's signing key when keikai made it (migration 0021): one row, id `csaf`. */
export interface CsafProviderKeyTable {
  id: 'csaf'
  /** Upper-case hex, no spaces: as provider-metadata.json lists it. */
  fingerprint: string
  public_key: string
  /** Armored; encrypted with the configured passphrase when one is set. */
  private_key: string
  created_at: Timestamp
}

/** A detached signature over the exact bytes of one rendered CSAF document, by one key. */
export interface CsafSignaturesTable {
  advisory_id: string
  document_sha256: string
  key_fingerprint: string
  signature: string
  created_at: Timestamp
}

export interface CsafTables {
  csaf_provider_key: CsafProviderKeyTable
  csaf_signatures: CsafSignaturesTable
}

declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CsafTables {}
}
