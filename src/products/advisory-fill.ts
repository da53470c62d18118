import type { Deps } from '../platform/http/context.js'
import { englishOf, fromSingleName } from '../platform/http/bilingual.js'
import type { Actor } from '../cases/case-events.js'
import { detailsOf, listReportsOfCase } from '../cases/reports.repository.js'
import { findAdvisoryByCase, redraftInput, saveAdvisoryDraft } from '../advisories/index.js'
import { listCaseProducts } from './products.usecases.js'
import { productErrors } from './products.errors.js'

/**
 * Fills the affected-products table of a case's advisory draft from the products the case
 * concerns: one row per product — developer and product in Japanese and English (the English left
 * empty where the catalogue only repeats a Japanese name), the case's versions affected (else the
 * product's versions; English too when ASCII) and CPE.
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
    developer: p.org_name_ja !== null ? { ja: p.org_name_ja, en: englishOf({ ja: p.org_name_ja, en: p.org_name_en ?? '' }) } : fromSingleName(reportedDeveloper || '-'),
    product: { ja: p.name_ja, en: englishOf({ ja: p.name_ja, en: p.name_en }) },
    versions: fromSingleName(p.versions_affected || p.versions), cpe: p.cpe,
  }))
  const existing = await findAdvisoryByCase(db, input.caseId)
  type Names = { developer: { ja: string }; product: { ja: string } }
  const same = (a: Names, b: Names) => a.developer.ja === b.developer.ja && a.product.ja === b.product.ja
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
