import { websitesPolicies } from './websites.policies.js'
import type { Ctx } from '../platform/http/context.js'
import { parseWith } from '../platform/http/validate.js'
import { errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { caseAccess } from '../cases/case-guard.js'
import { classifyWebsiteSchema, closureSchema, disputeSchema, fixSchema, notifyOperatorSchema, remindSchema, resumeSchema } from './websites.schemas.js'
import {
  classifyWebsiteCase, closeNotVulnerable, closeStalled, disputeAsOperator, notifyOperator, remindOperator, reportFix, resumeHandling,
} from './website-cases.usecases.js'

/**
 * The website case's actions, shared by the form routes and the API: each checks the policy, parses
 * the body with the one schema, runs the use case and returns the case's new status.
 */
export const websiteActions = {
  classify: async (c: Ctx, body: unknown) => {
    const { user, caseId } = await caseAccess(c, websitesPolicies.runWebsiteFlow, 'websiteCaseId')
    await classifyWebsiteCase(c.var.deps, { caseId, actor: actorOf(user), ...parseWith(classifyWebsiteSchema, body) })
    // Classifying never moves the case; the API still answers with its status like every other action.
    return c.var.deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
  },
  notifyOperator: async (c: Ctx, body: unknown) => {
    const { user, caseId } = await caseAccess(c, websitesPolicies.runWebsiteFlow, 'websiteCaseId')
    // The form sends `organisation:contact` from one select; the API sends the two ids.
    const input = body && typeof body === 'object' && 'target' in body ? splitTarget(body as Record<string, unknown>) : body
    return notifyOperator(c.var.deps, { caseId, actor: actorOf(user), ...parseWith(notifyOperatorSchema, input) })
  },
  fix: async (c: Ctx, body: unknown) => {
    const { user, caseId, rel } = await caseAccess(c, (u, r) => websitesPolicies.actAsOperator(u, r) || websitesPolicies.runWebsiteFlow(u, r), 'websiteCaseId')
    const input = parseWith(fixSchema, body)
    const asOperator = !websitesPolicies.runWebsiteFlow(user, rel)
    return reportFix(c.var.deps, { caseId, actor: actorOf(user), asOperator, ...input, source: asOperator ? undefined : input.source })
  },
  dispute: async (c: Ctx, body: unknown) => {
    const { user, caseId, rel } = await caseAccess(c, websitesPolicies.actAsOperator, 'websiteCaseId')
    return disputeAsOperator(c.var.deps, { caseId, actor: actorOf(user), partyId: rel.notifiedPartyIds[0]!, ...parseWith(disputeSchema, body) })
  },
  close: async (c: Ctx, body: unknown) => {
    const { user, caseId } = await caseAccess(c, websitesPolicies.runWebsiteFlow, 'websiteCaseId')
    const input = parseWith(closureSchema, body)
    return input.ending === 'stalled'
      ? closeStalled(c.var.deps, { caseId, actor: actorOf(user), reason: input.reason!, note: input.note })
      : closeNotVulnerable(c.var.deps, { caseId, actor: actorOf(user), note: input.note })
  },
  resume: async (c: Ctx, body: unknown) => {
    const { user, caseId } = await caseAccess(c, websitesPolicies.runWebsiteFlow, 'websiteCaseId')
    return resumeHandling(c.var.deps, { caseId, actor: actorOf(user), ...parseWith(resumeSchema, body) })
  },
  remind: async (c: Ctx, body: unknown) => {
    const { user, caseId } = await caseAccess(c, websitesPolicies.runWebsiteFlow, 'websiteCaseId')
    return remindOperator(c.var.deps, { caseId, actor: actorOf(user), ...parseWith(remindSchema, body) })
  },
}

function splitTarget(body: Record<string, unknown>) {
  const target = typeof body.target === 'string' ? body.target : ''
  const [organizationId, contactId] = target.split(':')
  if (!organizationId || !contactId) throw errors.invalidInput({ fields: { target: 'Choose an operator contact.' } })
  return { organizationId, contactId }
}
