import { priorityInformationPolicies } from './priority-information.policies.js'
import type { Deps, CurrentUser } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { findAdvisoryByCase, listRevisions, toAdvisoryRecord } from '../advisories/index.js'
import { isPubliclyVisible } from '../advisories/index.js'
import { presentAdvisory, type PublicAdvisory } from '../advisories/index.js'
import { identifierSlug } from '../advisories/index.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { openTimer } from '../deadlines/index.js'
import { priorityInformationErrors } from './priority-information.errors.js'
import type { MarkProvisionInput } from './priority-information.schemas.js'
import { defaultLeadBusinessDays, provisionState, type ProvisionState } from './provision-time.js'
import {
  advisoryContent, ciOrganizationOf, committeeDecisionOf, findProvision, hasAccepted, isAddressedTo, listProvisionsAddressedTo, logAccess, type ProvisionRecord,
} from './provisions.repository.js'

/** The confidentiality terms recipients accept; a new text gets a new version. */
export const TERMS_VERSION = '2026-1'

/** Case states in which an advisory may be chosen for provision: drafted, not yet public. */
export const MARKABLE_IN: readonly string[] = ['fix_in_progress', 'publication_scheduled']

/**
 * Marks a case's advisory for priority provision (coordinator) to whole sectors and/or named
 * critical-infrastructure organisations, `leadBusinessDays` before publication (default: the
 * deadlines policy, else 5). Marking again replaces the targets. Recorded as the case event
 * `priority_information_marked`, in the same transaction. When the case's publication is a
 * committee decision (uncontactable / uncoordinatable, EoL D/E), which the rules never considered,
 * `committeeDecisionReason` is required (400 `priority_information.committee_reason_required`) and
 * the provision records that it came from a committee decision.
 */
export async function markForPriorityInformation(deps: Deps, input: { caseId: string; actor: Actor; marking: MarkProvisionInput }): Promise<{ provisionId: string }> {
  const sectors = [...new Set(input.marking.sectors)]
  const organizationIds = [...new Set(input.marking.organizationIds)]
  if (sectors.length === 0 && organizationIds.length === 0) throw priorityInformationErrors.noRecipients()
  // Read before the transaction: the policy lookup tolerates a missing table, which on PostgreSQL
  // would abort a surrounding transaction.
  const lead = input.marking.leadBusinessDays ?? await defaultLeadBusinessDays(deps.db)
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'priority_information_marked', actor: input.actor, clock: deps.clock, allowedIn: MARKABLE_IN,
    apply: async (trx, { now }) => {
      const advisory = await findAdvisoryByCase(trx, input.caseId, { lock: true })
      if (!advisory) throw priorityInformationErrors.noAdvisory()
      if (advisory.status === 'published' || await isPubliclyVisible(trx, now, advisory.id)) throw priorityInformationErrors.alreadyPublic()
      if (organizationIds.length) {
        const found = await trx.selectFrom('organizations').select('id').where('id', 'in', organizationIds).where('kind', '=', 'critical_infrastructure').execute()
        if (found.length !== organizationIds.length) throw priorityInformationErrors.unknownOrganization()
      }
      const committee = await committeeDecisionOf(trx, input.caseId)
      const committeeReason = committee ? input.marking.committeeDecisionReason?.trim() || null : null
      if (committee && !committeeReason) throw priorityInformationErrors.committeeReasonRequired()
      const fromCommittee = { from_committee_decision: Boolean(committee), committee_decision_reason: committeeReason }
      const existing = await trx.selectFrom('priority_information_provisions').select('id').where('case_id', '=', input.caseId).forUpdate().executeTakeFirst()
      const provisionId = existing?.id ?? newId()
      if (existing) {
        await trx.updateTable('priority_information_provisions').set({ lead_business_days: lead, updated_at: now, marked_by: input.actor.user?.id ?? null, ...fromCommittee })
          .where('id', '=', provisionId).execute()
        await trx.deleteFrom('priority_information_target_sectors').where('provision_id', '=', provisionId).execute()
        await trx.deleteFrom('priority_information_target_organizations').where('provision_id', '=', provisionId).execute()
      } else {
        await trx.insertInto('priority_information_provisions').values({
          id: provisionId, case_id: input.caseId, advisory_id: advisory.id, lead_business_days: lead,
          marked_by: input.actor.user?.id ?? null, created_at: now, updated_at: now, ...fromCommittee,
        }).execute()
      }
      if (sectors.length) await trx.insertInto('priority_information_target_sectors').values(sectors.map((sector) => ({ provision_id: provisionId, sector }))).execute()
      if (organizationIds.length) {
        await trx.insertInto('priority_information_target_organizations')
          .values(organizationIds.map((organization_id) => ({ provision_id: provisionId, organization_id }))).execute()
      }
      // The deadlines feature's staff clock "priority information N business days before
      // publication" starts here (it follows later date moves itself); the notice job resolves it.
      if (advisory.status === 'scheduled' && advisory.publishAt) {
        await openTimer(trx, { caseId: input.caseId, kind: 'priority_information_lead', base: { date: japanDate(advisory.publishAt) }, now, episode: 'priority' })
      }
      return { provisionId, sectors, organizationIds, leadBusinessDays: lead, ...(committee && { fromCommitteeDecision: true, committeeDecision: committee, committeeDecisionReason: committeeReason }) }
    },
  })
}

/** A provision as one recipient may see it at `now`, or 404: not addressed to them, or not yet (or no longer) open. */
async function recipientAccess(deps: Deps, provisionId: string, user: CurrentUser) {
  const now = deps.clock.now()
  const org = user.organizationKind === 'critical_infrastructure' ? await ciOrganizationOf(deps.db, user.organizationId) : null
  const provision = await findProvision(deps.db, provisionId)
  if (!org || !provision) throw errors.notFound()
  const { state, provideAt } = provisionState(provision.advisory, provision.leadBusinessDays, now)
  if (!priorityInformationPolicies.readPriorityInformation(user, { addressed: isAddressedTo(provision, org), state })) throw errors.notFound()
  return { provision, org, state, provideAt: provideAt!, now }
}

export type RecipientView =
  | { kind: 'published'; provision: ProvisionRecord; publicPath: string }
  | { kind: 'terms'; provision: ProvisionRecord; provideAt: Date }
  | { kind: 'draft'; provision: ProvisionRecord; provideAt: Date; advisory: PublicAdvisory }

/**
 * What a recipient gets on opening a provision: after publication a pointer to the public advisory;
 * before that the confidentiality terms until this user accepted them, then the draft advisory.
 * Every access is logged with the step it reached.
 */
export async function openProvision(deps: Deps, input: { provisionId: string; user: CurrentUser }): Promise<RecipientView> {
  const { provision, state, provideAt, now } = await recipientAccess(deps, input.provisionId, input.user)
  const at = { userId: input.user.id, caseId: provision.caseId, at: now }
  if (state === 'published') {
    await logAccess(deps.db, { ...at, what: 'public_link' })
    return { kind: 'published', provision, publicPath: `/advisories/${identifierSlug(provision.advisory.identifier!)}` }
  }
  if (!await hasAccepted(deps.db, provision.id, input.user.id)) {
    await logAccess(deps.db, { ...at, what: 'terms_shown' })
    return { kind: 'terms', provision, provideAt }
  }
  const row = await deps.db.selectFrom('advisories').selectAll().where('id', '=', provision.advisoryId).executeTakeFirstOrThrow()
  const record = toAdvisoryRecord(row)
  await logAccess(deps.db, { ...at, what: 'draft_read' })
  return { kind: 'draft', provision, provideAt, advisory: presentAdvisory(record, await listRevisions(deps.db, record.id)) }
}

/** Records that this user accepted the confidentiality terms for this provision (once; the first time counts). */
export async function acceptTerms(deps: Deps, input: { provisionId: string; user: CurrentUser }): Promise<{ acceptedAt: Date }> {
  const { provision, org, state, now } = await recipientAccess(deps, input.provisionId, input.user)
  if (state === 'published') throw priorityInformationErrors.alreadyPublished()
  return deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('priority_information_acceptances').values({
      provision_id: provision.id, user_id: input.user.id, organization_id: org.id, terms_version: TERMS_VERSION, accepted_at: now,
    }).onConflict((oc) => oc.columns(['provision_id', 'user_id']).doNothing()).execute()
    await logAccess(trx, { userId: input.user.id, caseId: provision.caseId, what: 'terms_accepted', at: now })
    const row = await trx.selectFrom('priority_information_acceptances').select('accepted_at')
      .where('provision_id', '=', provision.id).where('user_id', '=', input.user.id).executeTakeFirstOrThrow()
    return { acceptedAt: row.accepted_at }
  })
}

export type RecipientListItem = { provision: ProvisionRecord; state: ProvisionState; provideAt: Date; accepted: boolean; title: { ja: string; en: string } | null }

/**
 * The provisions a critical-infrastructure member's organisation may open now (open or published);
 * nothing before its time. Titles only once this user accepted the terms.
 */
export async function listProvisionsForRecipient(deps: Deps, user: CurrentUser): Promise<RecipientListItem[]> {
  const now = deps.clock.now()
  const org = user.organizationKind === 'critical_infrastructure' ? await ciOrganizationOf(deps.db, user.organizationId) : null
  if (!org) return []
  const out: RecipientListItem[] = []
  for (const provision of await listProvisionsAddressedTo(deps.db, org)) {
    const { state, provideAt } = provisionState(provision.advisory, provision.leadBusinessDays, now)
    if (!priorityInformationPolicies.readPriorityInformation(user, { addressed: true, state })) continue
    const accepted = await hasAccepted(deps.db, provision.id, user.id)
    const title = accepted || state === 'published' ? (await advisoryContent(deps.db, provision.advisoryId)).title : null
    out.push({ provision, state, provideAt: provideAt!, accepted, title })
  }
  return out
}
