import { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { blankToUndefined } from '../platform/http/validate.js'
import { acceptsLegacyPairs } from '../platform/http/bilingual.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { respondToCase, setVulnerabilityStatus } from '../coordination/index.js'
import { responseSchema, vulnerabilityStatusSchema } from '../coordination/index.js'

/** A vendor's answer as a coordinator records it: the developer's own fields plus where it came from. */
export const vendorAnswerSchema = acceptsLegacyPairs(z.object({
  response: responseSchema.shape.response,
  statement: responseSchema.shape.statement,
  statuses: z.array(vulnerabilityStatusSchema).max(100).default([]),
  /** Where the answer came from, e.g. "mail of 2026-04-03 from PSIRT". */
  source: z.string().trim().min(1, 'Required.').max(1000),
}), ['statement'])
export type VendorAnswerInput = z.infer<typeof vendorAnswerSchema>

/** The matrix's per-vendor form: `status.<vulnerabilityId>` selects; "" leaves a status as it is. */
export function vendorAnswerFromForm(form: Record<string, unknown>) {
  const statuses = Object.entries(form).filter(([k, v]) => k.startsWith('status.') && blankToUndefined(v) !== undefined)
    .map(([k, v]) => ({ vulnerabilityId: k.slice('status.'.length), status: v }))
  return { response: form.response, statement: { ja: form.statementJa, en: form.statementEn }, source: form.source, statuses }
}

/**
 * A coordinator records a vendor's answer on its behalf (vendors often answer by e-mail). The
 * developer's own use cases do the change — they check the party and the case state, not who the
 * actor is — so the case moves exactly as if the vendor had answered; the `vendor_answer_recorded`
 * event then says who recorded it for whom and from what source. Everything is checked before the
 * first write; statuses go before the response because a last "not vulnerable" closes the case.
 */
export async function recordVendorAnswer(deps: Deps, input: { caseId: string; partyId: string; answer: VendorAnswerInput; actor: Actor }) {
  const { caseId, partyId, answer } = input
  const party = await deps.db.selectFrom('case_parties').select(['notified_at', 'fix_plan', 'proposed_publication_date'])
    .where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst()
  if (!party?.notified_at) throw errors.notFound()
  const known = new Set((await deps.db.selectFrom('vulnerabilities').select('id').where('case_id', '=', caseId).execute()).map((v) => v.id))
  const unknown = answer.statuses.findIndex((s) => !known.has(s.vulnerabilityId))
  if (unknown >= 0) throw errors.invalidInput({ fields: { [`statuses.${unknown}.vulnerabilityId`]: 'Not a vulnerability of this case.' } })

  for (const change of answer.statuses) await setVulnerabilityStatus(deps, { caseId, partyId, change, actor: input.actor })
  // The developer's fix plan and proposed date are not part of this form: keep what it gave before.
  await respondToCase(deps, {
    caseId, partyId, actor: input.actor,
    answer: {
      response: answer.response, statement: answer.statement,
      fixPlan: party.fix_plan ?? undefined, proposedPublicationDate: party.proposed_publication_date ?? undefined,
    },
  })
  return changeCase(deps.db, {
    caseId, type: 'vendor_answer_recorded', actor: input.actor, clock: deps.clock,
    apply: async () => ({ partyId, onBehalfOf: partyId, source: answer.source, response: answer.response, statuses: answer.statuses }),
  })
}

/** The source note of the latest answer recorded for each vendor of a case: party id → note. */
export async function recordedSources(db: DB, caseId: string): Promise<Map<string, string>> {
  const events = await db.selectFrom('case_events').select('data').where('case_id', '=', caseId)
    .where('type', '=', 'vendor_answer_recorded').orderBy('id').execute()
  const out = new Map<string, string>()
  for (const e of events) {
    const d = (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as { onBehalfOf?: string; source?: string }
    if (d.onBehalfOf && d.source) out.set(d.onBehalfOf, d.source)
  }
  return out
}
