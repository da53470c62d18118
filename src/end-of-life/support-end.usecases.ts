import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { CLOSED_PRODUCT_STATUSES, PRODUCT_CASE_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import type { SupportEndInput } from './end-of-life.schemas.js'
import type { EolHandling } from './end-of-life.tables.js'

const OPEN_STATUSES = PRODUCT_CASE_STATUSES.filter((s) => !CLOSED_PRODUCT_STATUSES.includes(s))

/** Past end of support: the support-end date lies before today's date in Japan. */
export function isPastSupportEnd(supportEndDate: string | null | undefined, now: Date): boolean {
  return Boolean(supportEndDate && supportEndDate < japanDate(now))
}

/** What end-of-life records of one case: support end, the chosen handling and how the case ended. */
export type EndOfLifeRecord = {
  caseId: string
  status: ProductCaseStatus
  supportEndDate: string | null
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
    caseId: k.id, status: k.status as ProductCaseStatus, supportEndDate: k.support_end_date, productName: k.eol_product_name,
    productVersion: k.eol_product_version, pastEndOfSupport: isPastSupportEnd(k.support_end_date, deps.clock.now()),
    handling: k.eol_handling, handlingChosenAt: k.eol_handling_at, endedOn: k.ended_on, endingNote: k.ending_note, duplicateOf: k.duplicate_of,
  }
}

export async function readEndOfLife(db: DB, caseId: string) {
  return db.selectFrom('cases')
    .select(['id', 'kind', 'status', 'support_end_date', 'eol_product_name', 'eol_product_version', 'eol_handling', 'eol_handling_at', 'ended_on', 'ending_note', 'duplicate_of'])
    .where('id', '=', caseId).executeTakeFirst()
}

/**
 * Records the product's support-end date (サポート終了) and the product name and version the
 * coordinator confirmed; null clears the date. Open cases only. The event keeps the previous
 * values, so the timeline shows what was believed when.
 */
export async function setSupportEnd(deps: Deps, input: { caseId: string; actor: Actor; supportEnd: SupportEndInput }): Promise<EndOfLifeRecord> {
  const { supportEndDate, productName, productVersion } = input.supportEnd
  await changeCase(deps.db, {
    caseId: input.caseId, type: 'support_end_set', actor: input.actor, clock: deps.clock, allowedIn: OPEN_STATUSES,
    apply: async (trx) => {
      const before = await readEndOfLife(trx, input.caseId)
      if (!before || before.kind !== 'product') throw errors.notFound()
      const after = {
        support_end_date: supportEndDate,
        eol_product_name: productName ?? before.eol_product_name,
        eol_product_version: productVersion ?? before.eol_product_version,
      }
      await trx.updateTable('cases').set(after).where('id', '=', input.caseId).execute()
      return {
        supportEndDate, previousSupportEndDate: before.support_end_date,
        productName: after.eol_product_name, productVersion: after.eol_product_version,
      }
    },
  })
  return loadEndOfLife(deps, input.caseId)
}
