import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** A detached signature over the exact bytes of one rendered CSAF document, by one key. */
export interface CsafSignaturesTable {
  advisory_id: string
  document_sha256: string
  key_fingerprint: string
  signature: string
  created_at: Timestamp
}

export interface CsafTables {
  csaf_signatures: CsafSignaturesTable
}

declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CsafTables {}
}
