import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { CLOSED_PRODUCT_STATUSES, PRODUCT_CASE_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import type { SupportEndInput } from './end-of-life.schemas.js'
import type { EolHandling } from './end-of-life.tables.js'
import { caseSupportEnd, recordSupportEndOnCase, supportStatus, type CaseSupportEnd } from '../products/index.js'

const OPEN_STATUSES = PRODUCT_CASE_STATUSES.filter((s) => !CLOSED_PRODUCT_STATUSES.includes(s))

/**
 * Past end of support: the governing product's support-end date lies before today's date in
 * Japan, or its support has ended with the date unknown.
 */
export function isPastSupportEnd(supportEnd: Pick<CaseSupportEnd, 'supportEndDate' | 'endedWithoutDate'> | null | undefined, now: Date): boolean {
  if (!supportEnd) return false
  return supportStatus({ support_end_date: supportEnd.supportEndDate, ended_without_date: supportEnd.endedWithoutDate }, now) === 'end_of_life'
}

/** What end-of-life records of one case: support end, the chosen handling and how the case ended. */
export type EndOfLifeRecord = {
  caseId: string
  status: ProductCaseStatus
  supportEndDate: string | null
  /** Support has ended though its date is unknown (the product says so). */
  endedWithoutDate: boolean
  /** The product whose support end governs the case (of its products, the first to end), its Japanese name and the versions concerned. */
  productId: string | null
  productName: string | null
  productVersion: string | null
  pastEndOfSupport: boolean
  handling: EolHandling | null
  handlingChosenAt: Date | null
  endedOn: string | null
  endingNote: string | null
  duplicateOf: string | null
}

/** The end-of-life record of a product case (404 for anything else). */
export async function loadEndOfLife(deps: Pick<Deps, 'db' | 'clock'>, caseId: string): Promise<EndOfLifeRecord> {
  const k = await readEndOfLife(deps.db, caseId)
  if (!k || k.kind !== 'product') throw errors.notFound()
  return {
    caseId: k.id, status: k.status as ProductCaseStatus, supportEndDate: k.supportEnd.supportEndDate, endedWithoutDate: k.supportEnd.endedWithoutDate,
    productId: k.supportEnd.productId, productName: k.supportEnd.productName, productVersion: k.supportEnd.productVersion,
    pastEndOfSupport: isPastSupportEnd(k.supportEnd, deps.clock.now()),
    handling: k.eol_handling, handlingChosenAt: k.eol_handling_at, endedOn: k.ended_on, endingNote: k.ending_note, duplicateOf: k.duplicate_of,
  }
}

/** A case's end-of-life columns with the support end its products give (see `caseSupportEnd`). */
export async function readEndOfLife(db: DB, caseId: string) {
  const k = await db.selectFrom('cases')
    .select(['id', 'kind', 'status', 'eol_handling', 'eol_handling_at', 'ended_on', 'ending_note', 'duplicate_of'])
    .where('id', '=', caseId).executeTakeFirst()
  return k && { ...k, supportEnd: await caseSupportEnd(db, caseId) }
}

/**
 * Records the support-end date (サポート終了) of the case's product, and the product name and
 * version the coordinator confirmed; null clears the date. Open cases only. The date belongs to
 * the product in its developer's catalogue (`recordSupportEndOnCase` says which product, making
 * one when the case has none), so every case concerning it sees the same date. The event keeps the
 * previous values, so the timeline shows what was believed when.
 */
export async function setSupportEnd(deps: Deps, input: { caseId: string; actor: Actor; supportEnd: SupportEndInput }): Promise<EndOfLifeRecord> {
  const { supportEndDate, productName, productVersion } = input.supportEnd
  await changeCase(deps.db, {
    caseId: input.caseId, type: 'support_end_set', actor: input.actor, clock: deps.clock, allowedIn: OPEN_STATUSES,
    apply: async (trx) => {
      const kase = await trx.selectFrom('cases').select('kind').where('id', '=', input.caseId).executeTakeFirst()
      if (!kase || kase.kind !== 'product') throw errors.notFound()
      const r = await recordSupportEndOnCase(trx, { caseId: input.caseId, supportEndDate, productName, productVersion, actor: input.actor, now: deps.clock.now() })
      return {
        supportEndDate, previousSupportEndDate: r.before.supportEndDate, productId: r.productId,
        productName: r.after.productName, productVersion: r.after.productVersion,
      }
    },
  })
  return loadEndOfLife(deps, input.caseId)
}
