import type { Deps } from '../platform/http/context.js'
import { englishOf } from '../platform/http/bilingual.js'
import { formatDate, translator } from '../platform/i18n/index.js'
import type { Actor } from '../cases/case-events.js'
import { detailsOf, listReportsOfCase } from '../cases/reports.repository.js'
import { saveAdvisoryDraft } from '../advisories/index.js'
import { findAdvisoryByCase } from '../advisories/index.js'
import type { Localized } from '../advisories/index.js'
import { redraftInput } from '../advisories/index.js'
import { caseSupportEnd } from '../products/index.js'

const ja = translator('ja')
const en = translator('en')
const blank = (l: Localized) => !l.ja.trim() && !l.en.trim()

/**
 * Offers the "stop using" (利用中止) advisory of an end-of-life product (DESIGN §3, cases C–E):
 * a draft whose solution, in Japanese and English, advises users to stop using the product, saved
 * through `saveAdvisoryDraft` so it is scheduled and published like any other. A new draft also
 * gets a title, an overview and the affected product; an existing draft only gains the text for
 * the parts the coordinator left empty — their own words are never overwritten.
 */
export async function offerStopUsingDraft(deps: Deps, input: { caseId: string; actor: Actor }): Promise<{ advisoryId: string; solutionFilled: boolean }> {
  const { db } = deps
  const existing = await findAdvisoryByCase(db, input.caseId)
  if (existing && !blank(existing.content.solution)) return { advisoryId: existing.id, solutionFilled: false }

  const kase = await db.selectFrom('cases').select(['title']).where('id', '=', input.caseId).executeTakeFirstOrThrow()
  const end = await caseSupportEnd(db, input.caseId)
  const reported = (await listReportsOfCase(db, input.caseId)).map(detailsOf)[0]
  const product = end.productName ?? reported?.productName ?? kase.title
  const versions = end.productVersion ?? reported?.productVersion ?? ''
  const developers = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['organizations.name_ja', 'organizations.name_en']).where('case_parties.case_id', '=', input.caseId).orderBy('case_parties.created_at').execute()
  // Developers in both languages; the finder's single name is the Japanese (and the English when ASCII).
  const developerNames: Array<Localized | string> = developers.length
    ? developers.map((d) => ({ ja: d.name_ja, en: englishOf({ ja: d.name_ja, en: d.name_en }) }))
    : reported?.developerName ? [reported.developerName] : []
  const text = (key: string): Localized => ({
    ja: ja(key, { product, date: end.supportEndDate ? formatDate(end.supportEndDate, 'ja') : ja('end_of_life.unknown') }),
    en: en(key, { product, date: end.supportEndDate ? formatDate(end.supportEndDate, 'en') : en('end_of_life.unknown') }),
  })

  const previous = existing?.content
  const draft = await redraftInput(db, input.caseId, {
    ...previous,
    title: previous?.title ?? text('end_of_life.stop_using.title'),
    overview: previous && !blank(previous.overview) ? previous.overview : text('end_of_life.stop_using.overview'),
    solution: text('end_of_life.stop_using.solution'),
    affectedProducts: previous?.affectedProducts.length ? previous.affectedProducts : developerNames.map((developer) => ({ developer, product, versions })),
  // An existing draft keeps the coordinator's choice of credits; a new one credits every finder who consented.
  }, previous?.credits.map((c) => c.reportId))
  const { advisoryId } = await saveAdvisoryDraft(deps, { caseId: input.caseId, actor: input.actor, draft })
  return { advisoryId, solutionFilled: true }
}
