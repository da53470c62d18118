import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { Field, Form, refusedInput } from '../platform/http/forms.js'
import { PgpKeyFacts } from '../platform/http/pgp-key-facts.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed } from '../platform/http/guards.js'
import { policies } from '../policies/policies.js'
import { contactSchema, organizationSchema } from './coordination.schemas.js'
import { ContactsSection } from './contact-form.views.js'
import { addContact, createOrganization, listOrganizations, loadOrganization, organizationKeyFacts } from './organizations.usecases.js'
import { organizationSections } from '../cases/case-sections.js'
import type { AppError } from '../platform/errors.js'

export const organizationRoutes = new Hono<AppEnv>()

/** A coordinator who came from a case keeps a way back to it (ids only; nothing else is echoed). */
const returnCase = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? v : undefined)
const withCase = (path: string, caseId?: string) => (caseId ? `${path}?case=${caseId}` : path)

organizationRoutes.get('/organizations', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  const { t, lang } = c.var
  const orgs = await listOrganizations(c.var.deps.db)
  return page(c, t('coordination.organizations_title'), (
    <>
      <p><a href="/organizations/new">{t('coordination.new_organization')}</a></p>
      <ul>{orgs.map((o) => <li><a href={`/organizations/${o.id}`}>{lang === 'ja' ? o.name_ja : o.name_en}</a></li>)}</ul>
    </>
  ))
})

function OrganizationForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown; caseId?: string }) {
  const { c } = props
  const { t } = c.var
  const v = (k: string) => String(props.values?.[k] ?? '')
  return (
    <>
      <Form c={c} error={props.error} action={withCase('/organizations', props.caseId)} class="stack">
        <Csrf c={c} />
        <Field label={t('coordination.name_ja')} name="nameJa" required><input id="nameJa" name="nameJa" required maxlength={200} value={v('nameJa')} /></Field>
        <Field label={t('coordination.name_en')} name="nameEn" required><input id="nameEn" name="nameEn" required maxlength={200} value={v('nameEn')} /></Field>
        <Field label={t('coordination.website')} name="website"><input id="website" name="website" type="url" maxlength={500} value={v('website')} /></Field>
        <Field label={t('coordination.pgp_key')} name="pgpPublicKey"><textarea id="pgpPublicKey" name="pgpPublicKey">{v('pgpPublicKey')}</textarea></Field>
        <button type="submit">{t('common.save')}</button>
      </Form>
    </>
  )
}

organizationRoutes.get('/organizations/new', (c) => {
  requireAllowed(c, policies.manageOrganizations)
  return page(c, c.var.t('coordination.organization_new_title'), <OrganizationForm c={c} caseId={returnCase(c.req.query('case'))} />)
})

organizationRoutes.post('/organizations', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  const body = await formBody(c)
  try {
    const { id } = await createOrganization(c.var.deps.db, parseFlatForm(organizationSchema, body), c.var.deps.clock.now())
    return c.redirect(withCase(`/organizations/${id}`, returnCase(c.req.query('case'))), 303)
  } catch (error) {
    return page(c, c.var.t('coordination.organization_new_title'), <OrganizationForm c={c} values={body} error={error} caseId={returnCase(c.req.query('case'))} />, 400)
  }
})

organizationRoutes.get('/organizations/:id', (c) => {
  requireAllowed(c, policies.manageOrganizations)
  return organizationPage(c, c.req.param('id'))
})

/** An organisation's page; after a refused contact, the contact form shows why and keeps what was entered. */
async function organizationPage(c: Ctx, id: string, contact: { error?: AppError; values?: Record<string, unknown> } = {}) {
  const { t, lang } = c.var
  const { org, contacts, members } = await loadOrganization(c.var.deps.db, id)
  const keyFacts = await organizationKeyFacts(org)
  const caseId = returnCase(c.req.query('case'))
  return page(c, lang === 'ja' ? org.name_ja : org.name_en, (
    <>
      {caseId && <p><a href={`/cases/${caseId}?tab=parties`}>{t('coordination.back_to_case')}</a></p>}
      <dl class="facts">
        <dt>{t('coordination.name_ja')}</dt><dd>{org.name_ja}</dd>
        <dt>{t('coordination.name_en')}</dt><dd>{org.name_en}</dd>
        <dt>{t('coordination.website')}</dt><dd>{org.website ?? ''}</dd>
        <dt>OpenPGP</dt><dd><PgpKeyFacts c={c} registered={Boolean(org.pgp_public_key)} facts={keyFacts} /></dd>
      </dl>
      <ContactsSection c={c} contacts={contacts} action={withCase(`/organizations/${org.id}/contacts`, caseId)} error={contact.error} values={contact.values} />
      <h2>{t('coordination.members')}</h2>
      <ul>{members.map((m) => <li>{m.display_name} &lt;{m.email}&gt;</li>)}</ul>
      {organizationSections().map((Section) => <Section c={c} org={org} />)}
    </>
  ), contact.error?.status ?? 200)
}

organizationRoutes.post('/organizations/:id/contacts', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  const body = await formBody(c)
  try {
    await addContact(c.var.deps.db, c.req.param('id'), parseWith(contactSchema, body))
  } catch (e) {
    return organizationPage(c, c.req.param('id'), { error: refusedInput(e), values: body })
  }
  return c.redirect(withCase(`/organizations/${c.req.param('id')}`, returnCase(c.req.query('case'))), 303)
})
