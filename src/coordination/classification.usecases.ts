import type { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import type { classificationSchema } from './coordination.schemas.js'

/**
 * Sets a case's product type and cause, the categories the quarterly report counts by. The event
 * keeps old and new values, so statistics can be computed for any date from the log.
 */
export async function classifyCase(deps: Deps, input: { caseId: string; actor: Actor; classification: z.infer<typeof classificationSchema> }) {
  const { productType, cause } = input.classification
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'case_classified', actor: input.actor, clock: deps.clock,
    apply: async (trx) => {
      const before = await trx.selectFrom('cases').select(['product_type', 'cause']).where('id', '=', input.caseId).executeTakeFirstOrThrow()
      const after = { product_type: productType ?? before.product_type, cause: cause ?? before.cause }
      await trx.updateTable('cases').set(after).where('id', '=', input.caseId).execute()
      return { productType: after.product_type, cause: after.cause, previousProductType: before.product_type, previousCause: before.cause }
    },
  })
}
