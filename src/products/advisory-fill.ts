import type { Deps } from '../platform/http/context.js'
import type { Actor } from '../cases/case-events.js'
import { detailsOf, listReportsOfCase } from '../cases/reports.repository.js'
import { findAdvisoryByCase, redraftInput, saveAdvisoryDraft } from '../advisories/index.js'
import { listCaseProducts } from './products.usecases.js'
import { productErrors } from './products.errors.js'

/**
 * Fills the affected-products table of a case's advisory draft from the products the case
 * concerns: one row per product — developer (the organisation's Japanese name, the language of the
 * advisory's table), product, the case's versions affected (else the product's versions) and CPE.
 * A row the coordinator already has for the same developer and product is replaced; rows for
 * anything else stay, after the catalogue's. The rest of the draft is kept as it is; with no
 * draft yet, one is started with the case's title. Refused (409) when the case has no products,
 * and as any draft edit is once the advisory is public.
 */
export async function fillAdvisoryFromCatalogue(deps: Deps, input: { caseId: string; actor: Actor }) {
  const { db } = deps
  const products = await listCaseProducts(db, input.caseId)
  if (!products.length) throw productErrors.noCaseProducts()
  const reportedDeveloper = (await listReportsOfCase(db, input.caseId)).map(detailsOf)[0]?.developerName?.trim()
  const rows = products.map((p) => ({
    developer: p.org_name_ja ?? (reportedDeveloper || '-'), product: p.name_ja, versions: p.versions_affected || p.versions, cpe: p.cpe,
  }))
  const existing = await findAdvisoryByCase(db, input.caseId)
  const same = (a: { developer: string; product: string }, b: { developer: string; product: string }) => a.developer === b.developer && a.product === b.product
  const kept = (existing?.content.affectedProducts ?? []).filter((a) => !rows.some((r) => same(r, a)))
  const affectedProducts = [...rows, ...kept]
  const caseTitle = async () => {
    const k = await db.selectFrom('cases').select('title').where('id', '=', input.caseId).executeTakeFirstOrThrow()
    return { ja: k.title, en: k.title }
  }
  const title = existing ? existing.content.title : await caseTitle()
  const draft = await redraftInput(db, input.caseId, { ...existing?.content, title, affectedProducts }, existing?.content.credits.map((c) => c.reportId))
  const { advisoryId } = await saveAdvisoryDraft(deps, { caseId: input.caseId, actor: input.actor, draft })
  return { advisoryId, affectedProducts }
}
