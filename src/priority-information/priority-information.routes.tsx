import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { loadCaseRelation } from '../cases/cases.repository.js'
import { contactSchema } from '../coordination/index.js'
import { ciOrganizationSchema, inviteMemberSchema, markProvisionSchema } from './priority-information.schemas.js'
import { addCiContact, createCiOrganization, inviteCiMember, listCiOrganizations, loadCiOrganization } from './ci-organizations.usecases.js'
import { acceptTerms, listProvisionsForRecipient, markForPriorityInformation, openProvision } from './provisions.usecases.js'
import { countsBySector, listProvisionsForStaff, loadProvisionForStaff } from './staff.usecases.js'
import { CiOrganizationForm, CiOrganizationList, CiOrganizationPage } from './ci-organizations.views.js'
import { RecipientList, RecipientProvision, StaffList, StaffProvision, StatsTable } from './provisions.views.js'
import { MarkingForm, markingValuesFrom } from './marking.views.js'
import { committeeDecisionOf } from './provisions.repository.js'
import { priorityInformationApi } from './priority-information.api.js'
import { priorityInformationPolicies } from './priority-information.policies.js'

/** Priority information provision (優先情報提供): pages; the JSON API is mounted from priority-information.api.ts. */
export const priorityInformationRoutes = new Hono<AppEnv>()

/** Only errors people can act on are shown on a form; anything else goes to the error handler. */
const formError = (e: unknown): AppError => { if (e instanceof AppError) return e; throw e }
const formStatus = (e: AppError) => (e.status === 409 ? 409 : e.status === 404 ? 404 : 400)

priorityInformationRoutes.get('/priority-information', async (c) => {
  const user = requireAllowed(c, priorityInformationPolicies.listPriorityInformation)
  const { t, deps } = c.var
  const body = priorityInformationPolicies.viewPriorityInformationAsStaff(user)
    ? <StaffList c={c} items={await listProvisionsForStaff(deps)} />
    : <><p>{t('priority_information.recipient_intro')}</p><RecipientList c={c} items={await listProvisionsForRecipient(deps, user)} /></>
  return page(c, t('priority_information.title_page'), body)
})

priorityInformationRoutes.get('/priority-information/stats', async (c) => {
  requireAllowed(c, priorityInformationPolicies.viewPriorityInformationAsStaff)
  const { t, deps } = c.var
  const { rows, provisionsProvided } = await countsBySector(deps.db, deps.clock.now())
  return page(c, t('priority_information.stats_title'), <><p class="meta">{t('priority_information.stats_intro')}</p><StatsTable c={c} rows={rows} provisionsProvided={provisionsProvided} /></>)
})

// ---- critical-infrastructure organisations ----

priorityInformationRoutes.get('/priority-information/organizations', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  return page(c, c.var.t('priority_information.organizations_title'), <CiOrganizationList c={c} orgs={await listCiOrganizations(c.var.deps.db)} />)
})

priorityInformationRoutes.get('/priority-information/organizations/new', (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  return page(c, c.var.t('priority_information.new_organization'), <CiOrganizationForm c={c} />)
})

priorityInformationRoutes.post('/priority-information/organizations', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const body = await formBody(c)
  try {
    const { id } = await createCiOrganization(c.var.deps.db, parseFlatForm(ciOrganizationSchema, body), c.var.deps.clock.now())
    return c.redirect(`/priority-information/organizations/${id}`, 303)
  } catch (e) {
    return page(c, c.var.t('priority_information.new_organization'), <CiOrganizationForm c={c} values={body} error={formError(e)} />, 400)
  }
})

async function organizationPage(c: Ctx, id: string, extra: { notice?: string; error?: AppError; failed?: 'contact' | 'invite'; values?: Record<string, unknown> } = {}) {
  const data = await loadCiOrganization(c.var.deps.db, id)
  return page(c, c.var.lang === 'ja' ? data.org.name_ja : data.org.name_en, <CiOrganizationPage c={c} data={data} {...extra} />, extra.error ? formStatus(extra.error) : 200)
}

priorityInformationRoutes.get('/priority-information/organizations/:ciOrgId', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const notice = c.req.query('invited') !== undefined ? c.var.t('priority_information.invited') : undefined
  return organizationPage(c, c.req.param('ciOrgId'), { notice })
})

priorityInformationRoutes.post('/priority-information/organizations/:ciOrgId/contacts', async (c) => {
  requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const id = c.req.param('ciOrgId')
  const body = await formBody(c)
  try {
    await addCiContact(c.var.deps.db, id, parseWith(contactSchema, body))
    return c.redirect(`/priority-information/organizations/${id}`, 303)
  } catch (e) {
    return organizationPage(c, id, { error: formError(e), failed: 'contact', values: body })
  }
})

priorityInformationRoutes.post('/priority-information/organizations/:ciOrgId/invitations', async (c) => {
  const user = requireAllowed(c, priorityInformationPolicies.manageCiOrganizations)
  const id = c.req.param('ciOrgId')
  const body = await formBody(c)
  try {
    const { email } = parseWith(inviteMemberSchema, body)
    await inviteCiMember(c.var.deps, { organizationId: id, email, createdBy: user.id })
    return c.redirect(`/priority-information/organizations/${id}?invited`, 303)
  } catch (e) {
    return organizationPage(c, id, { error: formError(e), failed: 'invite', values: body })
  }
})

// ---- marking a case's advisory ----

priorityInformationRoutes.post('/cases/:caseId/priority-information', async (c) => {
  const user = requireUser(c)
  const caseId = c.req.param('caseId')
  const rel = await loadCaseRelation(c.var.deps.db, caseId, user)
  if (!rel || !priorityInformationPolicies.markForPriorityInformation(user, rel)) throw errors.notFound()
  const body = await formBody(c)
  try {
    await markForPriorityInformation(c.var.deps, { caseId, actor: actorOf(user), marking: parseWith(markProvisionSchema, body) })
    return c.redirect(`/cases/${caseId}#priority-information`, 303)
  } catch (e) {
    const error = formError(e)
    const { t, deps } = c.var
    return page(c, t('priority_information.section_title'), (
      <>
        <p><a href={`/cases/${caseId}`}>{t('priority_information.back_to_case')}</a></p>
        <MarkingForm c={c} caseId={caseId} values={markingValuesFrom(body)} organizations={await listCiOrganizations(deps.db)} error={error} submitLabel={t('priority_information.mark')}
          committeeDecision={await committeeDecisionOf(deps.db, caseId)} />
      </>
    ), formStatus(error))
  }
})

// ---- one provision: recipients read it, coordinators see its record ----

priorityInformationRoutes.get('/priority-information/provisions/:provisionId', async (c) => {
  const user = requireUser(c)
  const { t, deps, lang } = c.var
  const provisionId = c.req.param('provisionId')
  if (priorityInformationPolicies.viewPriorityInformationAsStaff(user)) {
    const data = await loadProvisionForStaff(deps, provisionId)
    return page(c, `${t('priority_information.staff_record')}: ${data.title[lang] || data.title.ja}`, <StaffProvision c={c} data={data} />)
  }
  const view = await openProvision(deps, { provisionId, user })
  return page(c, t('priority_information.provision_title'), <RecipientProvision c={c} view={view} />)
})

priorityInformationRoutes.post('/priority-information/provisions/:provisionId/accept', async (c) => {
  const user = requireUser(c)
  const provisionId = c.req.param('provisionId')
  try {
    await acceptTerms(c.var.deps, { provisionId, user })
  } catch (e) {
    // Published meanwhile: the provision page now points to the public advisory.
    if (!(e instanceof AppError && e.code === 'priority_information.published')) throw e
  }
  return c.redirect(`/priority-information/provisions/${provisionId}`, 303)
})

priorityInformationRoutes.route('/', priorityInformationApi)
