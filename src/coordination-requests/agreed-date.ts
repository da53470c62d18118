import { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { jstDateTimeField } from '../platform/http/date-fields.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { CLOSED_PRODUCT_STATUSES, PRODUCT_CASE_STATUSES } from '../cases/product-case.transitions.js'

const reason = z.string().trim().min(1, 'Required.').max(2000)

/** A new agreed publication time (with its offset) and why it moved. */
export const agreedDateSchema = z.object({
  agreedPublicationAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
  reason,
})

/** The same from the case page's form: Japan time without an offset. */
export const agreedDateFormSchema = z.object({
  agreedPublicationAt: jstDateTimeField,
  reason,
})

// Once a case is closed or published the embargo no longer means anything.
const OPEN = PRODUCT_CASE_STATUSES.filter((s) => !CLOSED_PRODUCT_STATUSES.includes(s))

/**
 * Moves the publication time agreed with the requester of a coordination request; the old and new
 * times and the reason go to the case log (`agreed_publication_changed`). Cases without a request: 404.
 */
export async function changeAgreedPublication(deps: Deps, input: { caseId: string; agreedPublicationAt: Date; reason: string; actor: Actor }) {
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'agreed_publication_changed', actor: input.actor, clock: deps.clock, allowedIn: OPEN,
    apply: async (trx) => {
      const req = await trx.selectFrom('coordination_requests').select('agreed_publication_at').where('case_id', '=', input.caseId).executeTakeFirst()
      if (!req) throw errors.notFound()
      await trx.updateTable('coordination_requests').set({ agreed_publication_at: input.agreedPublicationAt }).where('case_id', '=', input.caseId).execute()
      return {
        from: req.agreed_publication_at ? new Date(req.agreed_publication_at).toISOString() : null,
        to: input.agreedPublicationAt.toISOString(), reason: input.reason,
      }
    },
  })
}
