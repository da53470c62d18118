import { copyField, type CopyValue } from '../platform/db/copy-text.js'
import { searchColumnsOf, type AdvisoryContent, type SearchColumns } from '../advisories/index.js'
import type { ImportedEntry } from './entry.js'

/**
 * The advisory row of an imported entry. Most of it comes from the entry alone (`entryColumns`)
 * and is made where the entry was parsed — in a parse worker, as ready COPY text; the writer adds
 * what only it knows (`WRITER_COLUMNS`: the row id, the identifier it settled on, the times, the
 * digests held).
 */

/** The search columns of an imported entry under `identifier`: its original identifiers are searchable too. */
export const importedSearchColumns = (identifier: string, e: Pick<ImportedEntry, 'jvndbId' | 'sourceIds'>, c: AdvisoryContent): SearchColumns =>
  searchColumnsOf(identifier, c, { jvndbId: e.jvndbId, sourceIds: e.sourceIds })

export const WRITER_COLUMNS = ['id', 'identifier', 'created_at', 'updated_at', 'source_hash'] as const

type EntryKeys = Omit<ImportedEntry, 'content'>

const SEARCH_COLUMNS = [
  'search_text', 'search_title', 'search_grams', 'search_ids', 'search_cwes', 'search_severity', 'search_developers', 'search_products',
] as const satisfies ReadonlyArray<keyof SearchColumns>

/** The entry's own columns, in the order of its COPY text. */
export const ENTRY_COLUMNS = [
  'case_id', 'jvndb_id', 'status', 'publish_at', 'published_at', 'content', 'source', 'source_key', 'source_ids', 'source_modified', ...SEARCH_COLUMNS,
] as const

/**
 * The entry's own columns, name → value (`content` and `source_ids` as JSON text); the search
 * columns as they are under `identifier`.
 */
export function entryColumns(identifier: string, e: EntryKeys, contentJson: string, c: AdvisoryContent): Record<(typeof ENTRY_COLUMNS)[number], CopyValue> {
  return {
    case_id: null, jvndb_id: e.jvndbId, status: 'published', publish_at: e.publishedAt, published_at: e.publishedAt,
    content: contentJson, source: e.source, source_key: e.sourceKey, source_ids: JSON.stringify(e.sourceIds), source_modified: e.modifiedAt,
    ...importedSearchColumns(identifier, e, c),
  }
}

/** `entryColumns` as COPY text (tab-separated, no newline), in the order of `ENTRY_COLUMNS`. */
export function entryCopyText(identifier: string, e: EntryKeys, contentJson: string, c: AdvisoryContent): string {
  const values = entryColumns(identifier, e, contentJson, c)
  return ENTRY_COLUMNS.map((name) => copyField(values[name])).join('\t')
}
