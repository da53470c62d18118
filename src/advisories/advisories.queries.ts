import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import type { AdvisoryContent } from './advisory-content.js'
import {
  findAdvisoryByCase, listCaseVulnerabilities, listFinders, listRevisions, listVendorStatements,
  type AdvisoryRecord, type AdvisoryRevision, type CaseVulnerability, type Finder,
} from './advisories.repository.js'
import { isPubliclyVisible } from './public-advisories.repository.js'

/** Everything the coordinator's advisory page and API show for one case. */
export type AdvisoryWorkspace = {
  caseTitle: string
  caseStatus: string
  advisory: AdvisoryRecord | null
  /** Whether readers can already see it (then it changes only by revision). */
  isPublic: boolean
  vulnerabilities: CaseVulnerability[]
  finders: Finder[]
  vendorStatements: AdvisoryContent['vendorStatements']
  revisions: AdvisoryRevision[]
}

/** Loads the workspace of a product case; callers have already checked `policies.coordinate`. */
export async function loadAdvisoryWorkspace(db: DB, now: Date, caseId: string): Promise<AdvisoryWorkspace> {
  const kase = await db.selectFrom('cases').select(['title', 'status', 'kind']).where('id', '=', caseId).executeTakeFirst()
  if (!kase || kase.kind !== 'product') throw errors.notFound()
  const advisory = await findAdvisoryByCase(db, caseId)
  return {
    caseTitle: kase.title,
    caseStatus: kase.status,
    advisory,
    isPublic: advisory ? await isPubliclyVisible(db, now, advisory.id) : false,
    vulnerabilities: await listCaseVulnerabilities(db, caseId),
    finders: await listFinders(db, caseId),
    vendorStatements: await listVendorStatements(db, caseId),
    revisions: advisory ? await listRevisions(db, advisory.id) : [],
  }
}

/** The staff API's JSON for the workspace. Staff may see which report each credit comes from. */
export function workspaceJson(ws: AdvisoryWorkspace) {
  const a = ws.advisory
  return {
    caseStatus: ws.caseStatus,
    advisory: a && {
      id: a.id,
      identifier: a.identifier,
      status: a.status,
      isPublic: ws.isPublic,
      publishAt: a.publishAt?.toISOString() ?? null,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      updatedAt: a.updatedAt.toISOString(),
      content: a.content,
      revisions: ws.revisions.map((r) => ({ id: r.id, revisedAt: r.revisedAt.toISOString(), note: r.note })),
    },
    // `titleJa` / `titleEn` stay one release beside `title` (deprecated in the OpenAPI document).
    vulnerabilities: ws.vulnerabilities.map((v) => ({ ...v, title: { ja: v.titleJa, en: v.titleEn } })),
    finders: ws.finders,
    vendorStatements: ws.vendorStatements,
  }
}
