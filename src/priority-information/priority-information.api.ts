import { Hono } from 'hono'
import type { AppEnv, CurrentUser, Deps } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { actorOf } from '../cases/case-events.js'
import { advisoryJson } from '../advisories/index.js'
import { translator } from '../platform/i18n/index.js'
import { contactSchema } from '../coordination/index.js'
import { ciOrganizationSchema, inviteMemberSchema, markProvisionSchema } from './priority-information.schemas.js'
import { addCiContact, createCiOrganization, inviteCiMember, listCiOrganizations, loadCiOrganization } from './ci-organizations.usecases.js'
import { acceptTerms, listProvisionsForRecipient, markForPriorityInformation, openProvision, TERMS_VERSION } from './provisions.usecases.js'
import { countsBySector, listProvisionsForStaff, loadProvisionForStaff, provisionOfCase } from './staff.usecases.js'
import { priorityInformationErrors } from './priority-information.errors.js'
import type { ProvisionRecord } from './provisions.repository.js'
import type { ProvisionState } from './provision-time.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { priorityInformationPolicies } from './priority-information.policies.js'

/** The priority-information JSON API: the same use cases and checks as the pages. */
export const priorityInformationApi = new Hono<AppEnv>()

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null

const provisionJson = (p: ProvisionRecord, state: ProvisionState, provideAt: Date | null) => ({
  id: p.id, caseId: p.caseId, identifier: p.advisory.identifier, state, provideAt: iso(provideAt), publishAt: iso(p.advisory.publishAt),
  leadBusinessDays: p.leadBusinessDays, sectors: p.sectors, organizationIds: p.organizationIds,
  // Staff only: recipients get the flag, never the coordinator's reason.
  fromCommitteeDecision: p.fromCommitteeDecision, committeeDecisionReason: p.committeeDecisionReason,
})

const requireMarker = (c: Parameters<typeof requireUser>[0]): Promise<CurrentUser> => allowedOnCase(c, priorityInformationPolicies.markForPriorityInformation)

async function caseProvisionJson(deps: Deps, caseId: string) {
  const p = await provisionOfCase(deps, caseId)
  return { provision: p ? { ...provisionJson(p.provision, p.state, p.provideAt), recipients: p.recipients.map((o) => ({ id: o.id, name: { ja: o.name_ja, en: o.name_en }, nameJa: o.name_ja, nameEn: o.name_en, sector: o.sector, notifiedAt: iso(o.notifiedAt) })) } : null }
}

priorityInformationApi.get('/api/v1/priority-information/organizations', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const orgs = await listCiOrganizations(c.var.deps.db)
  return c.json({ organizations: orgs.map((o) => ({ id: o.id, name: { ja: o.name_ja, en: o.name_en }, nameJa: o.name_ja, nameEn: o.name_en, sector: o.sector, members: Number(o.members ?? 0) })) })
})

priorityInformationApi.post('/api/v1/priority-information/organizations', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  return c.json(await createCiOrganization(c.var.deps.db, await jsonBody(c, ciOrganizationSchema), c.var.deps.clock.now()), 201)
})

priorityInformationApi.get('/api/v1/priority-information/organizations/:ciOrgId', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const { org, contacts, members } = await loadCiOrganization(c.var.deps.db, c.req.param('ciOrgId'))
  return c.json({ id: org.id, name: { ja: org.name_ja, en: org.name_en }, nameJa: org.name_ja, nameEn: org.name_en, sector: org.sector, website: org.website, contacts, members: members.map((m) => ({ id: m.id, displayName: m.display_name, email: m.email })) })
})

priorityInformationApi.post('/api/v1/priority-information/organizations/:ciOrgId/contacts', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  return c.json(await addCiContact(c.var.deps.db, c.req.param('ciOrgId'), await jsonBody(c, contactSchema)), 201)
})

/** Mails a single-use member invitation to `email`; the link itself is never returned. */
priorityInformationApi.post('/api/v1/priority-information/organizations/:ciOrgId/invitations', async (c) => {
  const user = requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const { email } = await jsonBody(c, inviteMemberSchema)
  const r = await inviteCiMember(c.var.deps, { organizationId: c.req.param('ciOrgId'), email, createdBy: user.id })
  return c.json({ invitationId: r.invitationId, expiresAt: r.expiresAt.toISOString() }, 201)
})

priorityInformationApi.get('/api/v1/cases/:caseId/priority-information', async (c) => {
  await requireMarker(c)
  return c.json(await caseProvisionJson(c.var.deps, c.req.param('caseId')))
})

/** `{ sectors: [...], organizationIds: [...], leadBusinessDays? }`: marks (or re-marks) the case's advisory. */
priorityInformationApi.put('/api/v1/cases/:caseId/priority-information', async (c) => {
  const user = await requireMarker(c)
  const caseId = c.req.param('caseId')
  await markForPriorityInformation(c.var.deps, { caseId, actor: actorOf(user), marking: await jsonBody(c, markProvisionSchema) })
  return c.json(await caseProvisionJson(c.var.deps, caseId))
})

priorityInformationApi.get('/api/v1/priority-information/provisions', async (c) => {
  const user = requireAllowed(c, priorityInformationPolicies.listPriorityInformation)
  const { deps } = c.var
  if (priorityInformationPolicies.viewPriorityInformationAsStaff(user)) {
    const items = await listProvisionsForStaff(deps)
    return c.json({ provisions: items.map((i) => ({ ...provisionJson(i.provision, i.state, i.provideAt), title: i.title })) })
  }
  const items = await listProvisionsForRecipient(deps, user)
  return c.json({ provisions: items.map((i) => ({
    id: i.provision.id, identifier: i.provision.advisory.identifier, state: i.state, provideAt: iso(i.provideAt),
    publishAt: iso(i.provision.advisory.publishAt), termsAccepted: i.accepted, title: i.title, fromCommitteeDecision: i.provision.fromCommitteeDecision,
  })) })
})

/**
 * Coordinators: the provision's record (recipients, acceptances, access log). Recipients, from the
 * provision time: the draft advisory once they accepted the terms (else 409
 * `priority_information.terms_not_accepted`); after publication, the public advisory's URL.
 */
priorityInformationApi.get('/api/v1/priority-information/provisions/:provisionId', async (c) => {
  const user = requireUser(c)
  const { deps } = c.var
  const provisionId = c.req.param('provisionId')
  if (priorityInformationPolicies.viewPriorityInformationAsStaff(user)) {
    const d = await loadProvisionForStaff(deps, provisionId)
    return c.json({
      ...provisionJson(d.provision, d.state, d.provideAt), title: d.title,
      recipients: d.recipients.map((o) => ({ id: o.id, name: { ja: o.name_ja, en: o.name_en }, nameJa: o.name_ja, nameEn: o.name_en, sector: o.sector, notifiedAt: iso(o.notifiedAt) })),
      acceptances: d.acceptances.map((a) => ({ displayName: a.display_name, email: a.email, organization: { ja: a.name_ja, en: a.name_en }, acceptedAt: iso(a.accepted_at), termsVersion: a.terms_version })),
      accessLog: d.accessLog.map((l) => ({ what: l.what, at: iso(l.occurred_at), displayName: l.display_name, email: l.email, organization: l.name_ja === null ? null : { ja: l.name_ja, en: l.name_en } })),
    })
  }
  const view = await openProvision(deps, { provisionId, user })
  const base = { id: view.provision.id, identifier: view.provision.advisory.identifier, publishAt: iso(view.provision.advisory.publishAt), fromCommitteeDecision: view.provision.fromCommitteeDecision }
  if (view.kind === 'published') return c.json({ ...base, state: 'published', url: `${deps.config.publicUrl}${view.publicPath}` })
  if (view.kind === 'terms') {
    const terms = { version: TERMS_VERSION, ja: translator('ja')('priority_information.terms_body'), en: translator('en')('priority_information.terms_body') }
    throw priorityInformationErrors.termsNotAccepted(provisionId, terms)
  }
  return c.json({ ...base, state: 'open', provideAt: iso(view.provideAt), advisory: advisoryJson(view.advisory, deps.config.publicUrl) })
})

priorityInformationApi.post('/api/v1/priority-information/provisions/:provisionId/acceptance', async (c) => {
  const user = requireUser(c)
  const { acceptedAt } = await acceptTerms(c.var.deps, { provisionId: c.req.param('provisionId'), user })
  return c.json({ acceptedAt: acceptedAt.toISOString() })
})

priorityInformationApi.get('/api/v1/priority-information/stats', async (c) => {
  requireAllowed(c, priorityInformationPolicies.viewPriorityInformationAsStaff)
  const { deps } = c.var
  return c.json(await countsBySector(deps.db, deps.clock.now()))
})
