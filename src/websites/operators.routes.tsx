import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { Field, Form, refusedInput } from '../platform/http/forms.js'
import { PgpKeyFacts } from '../platform/http/pgp-key-facts.js'
import { describePublicKey } from '../platform/mail/openpgp-keys.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors, type AppError } from '../platform/errors.js'
import { ContactsSection } from '../coordination/index.js'
import { contactSchema } from '../coordination/index.js'
import { addContact, createOrganization, loadOrganization } from '../coordination/index.js'
import { operatorSchema } from './websites.schemas.js'
import { listOperators } from './websites.queries.js'
import { orgTypeOptions } from './website.case-section.js'
import { websitesPolicies } from './websites.policies.js'

/** Website operator organisations (ウェブサイト運営者), kept by intake staff. */
export const operatorsRoutes = new Hono<AppEnv>()

/** Staff who came from a case keep a way back to it (ids only; nothing else is echoed). */
const returnCase = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? v : undefined)
const withCase = (path: string, caseId?: string) => (caseId ? `${path}?case=${caseId}` : path)

operatorsRoutes.get('/operators', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const { t, lang } = c.var
  const rows = await listOperators(c.var.deps.db)
  return page(c, t('websites.operators_title'), (
    <>
      <p><a href="/operators/new">{t('websites.new_operator')}</a></p>
      <table>
        <thead><tr><th>{t('websites.operator')}</th><th>{t('websites.org_type')}</th><th>{t('websites.contacts')}</th></tr></thead>
        <tbody>{rows.map((o) => (
          <tr><td><a href={`/operators/${o.id}`}>{lang === 'ja' ? o.name_ja : o.name_en}</a></td>
            <td>{o.org_type ? t(`websites.org_type.${o.org_type}`) : ''}</td><td>{Number(o.contacts)}</td></tr>
        ))}</tbody>
      </table>
    </>
  ))
})

function OperatorForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown; caseId?: string }) {
  const { c } = props
  const { t } = c.var
  const v = (k: string) => String(props.values?.[k] ?? '')
  return (
    <>
      <Form c={c} error={props.error} action={withCase('/operators', props.caseId)} class="stack">
        <Csrf c={c} />
        <Field label={t('coordination.name_ja')} name="nameJa" required><input id="nameJa" name="nameJa" required maxlength={200} value={v('nameJa')} /></Field>
        <Field label={t('coordination.name_en')} name="nameEn" required><input id="nameEn" name="nameEn" required maxlength={200} value={v('nameEn')} /></Field>
        <Field label={t('websites.org_type')} name="orgType" required><select id="orgType" name="orgType" required>{orgTypeOptions(c, v('orgType'))}</select></Field>
        <Field label={t('coordination.website')} name="website"><input id="website" name="website" type="url" maxlength={500} value={v('website')} /></Field>
        <Field label={t('coordination.pgp_key')} name="pgpPublicKey"><textarea id="pgpPublicKey" name="pgpPublicKey">{v('pgpPublicKey')}</textarea></Field>
        <button type="submit">{t('common.save')}</button>
      </Form>
    </>
  )
}

operatorsRoutes.get('/operators/new', (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  return page(c, c.var.t('websites.operator_new_title'), <OperatorForm c={c} caseId={returnCase(c.req.query('case'))} />)
})

operatorsRoutes.post('/operators', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const body = await formBody(c)
  try {
    const { id } = await createOrganization(c.var.deps.db, { ...parseFlatForm(operatorSchema, body), kind: 'operator' }, c.var.deps.clock.now())
    return c.redirect(withCase(`/operators/${id}`, returnCase(c.req.query('case'))), 303)
  } catch (error) {
    return page(c, c.var.t('websites.operator_new_title'), <OperatorForm c={c} values={body} error={error} caseId={returnCase(c.req.query('case'))} />, 400)
  }
})

async function loadOperator(c: Ctx) {
  const data = await loadOrganization(c.var.deps.db, c.req.param('operatorId')!)
  if (data.org.kind !== 'operator') throw errors.notFound()
  return data
}

operatorsRoutes.get('/operators/:operatorId', (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  return operatorPage(c)
})

/** An operator's page; after a refused contact, the contact form shows why and keeps what was entered. */
async function operatorPage(c: Ctx, contact: { error?: AppError; values?: Record<string, unknown> } = {}) {
  const { t, lang } = c.var
  const { org, contacts, members } = await loadOperator(c)
  const keyFacts = org.pgp_public_key ? await describePublicKey(org.pgp_public_key) : null
  const caseId = returnCase(c.req.query('case'))
  return page(c, lang === 'ja' ? org.name_ja : org.name_en, (
    <>
      {caseId && <p><a href={`/cases/${caseId}?tab=parties#website`}>{t('coordination.back_to_case')}</a></p>}
      <dl class="facts">
        <dt>{t('coordination.name_ja')}</dt><dd>{org.name_ja}</dd>
        <dt>{t('coordination.name_en')}</dt><dd>{org.name_en}</dd>
        <dt>{t('websites.org_type')}</dt><dd>{org.org_type ? t(`websites.org_type.${org.org_type}`) : ''}</dd>
        <dt>{t('coordination.website')}</dt><dd>{org.website ?? ''}</dd>
        <dt>OpenPGP</dt><dd><PgpKeyFacts c={c} registered={Boolean(org.pgp_public_key)} facts={keyFacts} /></dd>
      </dl>
      <ContactsSection c={c} contacts={contacts} action={withCase(`/operators/${org.id}/contacts`, caseId)} error={contact.error} values={contact.values} />
      <h2>{t('coordination.members')}</h2>
      <ul>{members.map((m) => <li>{m.display_name} &lt;{m.email}&gt;</li>)}</ul>
    </>
  ), contact.error?.status ?? 200)
}

operatorsRoutes.post('/operators/:operatorId/contacts', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const { org } = await loadOperator(c)
  const body = await formBody(c)
  try {
    await addContact(c.var.deps.db, org.id, parseWith(contactSchema, body))
  } catch (e) {
    return operatorPage(c, { error: refusedInput(e), values: body })
  }
  return c.redirect(withCase(`/operators/${org.id}`, returnCase(c.req.query('case'))), 303)
})
