import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { composeContent, searchColumnsOf } from '../advisories/advisory-content.js'
import type { AdvisoryContent, CvssScore, Localized } from '../advisories/index.js'

/**
 * An imported advisory as the importer writes one (migration 0023): no case, its source and
 * original identifiers, published at once. The format tests create these directly, so that they
 * do not depend on the importer's parsers.
 */
export type ImportedInput = {
  source: 'jvn' | 'cve' | 'csaf'
  identifier: string
  jvndbId?: string | null
  publishAt: Date
  title: Localized
  developer?: Localized
  product?: Localized
  cpe?: string | null
  cveId?: string | null
  cweId?: string | null
  cvss31?: CvssScore | null
  cvss40?: CvssScore | null
  package?: NonNullable<AdvisoryContent['affectedProducts'][number]['package']>
  status?: 'published' | 'draft'
}

export const cvss31Of = (severity: CvssScore['severity'], score: number, vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'): CvssScore => ({ vector, score, severity })

export function importedContent(o: ImportedInput): AdvisoryContent {
  const developer = o.developer ?? { ja: '輸入電機', en: 'Imported Electric' }
  return composeContent({
    draft: {
      title: o.title,
      overview: { ja: `${o.title.ja} の概要`, en: `Overview of ${o.title.en}` },
      description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
      affectedProducts: [{
        developer, product: o.product ?? { ja: '輸入製品', en: 'Imported Product' }, versions: { ja: '1.0 およびそれ以前', en: '1.0 and earlier' },
        cpe: o.cpe ?? null, ...(o.package ? { package: o.package } : {}),
      }],
      references: [{ title: 'Original record', url: 'https://example.org/original' }],
    },
    vulnerabilities: [{ title: o.title, cveId: o.cveId ?? null, cweId: o.cweId ?? null, cvss31: o.cvss31 ?? null, cvss40: o.cvss40 ?? null }],
    vendorStatements: [], credits: [], creditsChosen: false,
  })
}

/** Inserts one imported entry and returns its row id. */
export async function insertImportedAdvisory(db: DB, o: ImportedInput): Promise<string> {
  const id = newId()
  const content = importedContent(o)
  const sourceIds = [
    ...(o.jvndbId ? [{ kind: 'jvndb', id: o.jvndbId }] : []),
    ...(o.identifier !== o.jvndbId ? [{ kind: o.identifier.startsWith('CVE-') ? 'cve' : 'jvn', id: o.identifier }] : []),
    ...(o.cveId && o.cveId !== o.identifier ? [{ kind: 'cve', id: o.cveId }] : []),
  ]
  await db.insertInto('advisories').values({
    id, case_id: null, identifier: o.identifier, jvndb_id: o.jvndbId ?? null, status: o.status ?? 'published',
    publish_at: o.publishAt, published_at: o.status === 'draft' ? null : o.publishAt, content: JSON.stringify(content),
    created_at: o.publishAt, updated_at: o.publishAt, source: o.source, source_key: o.jvndbId ?? o.identifier,
    source_ids: sql`${JSON.stringify(sourceIds)}::jsonb`, source_modified: o.publishAt, source_hash: null,
    ...searchColumnsOf(o.identifier, content),
  }).execute()
  return id
}
