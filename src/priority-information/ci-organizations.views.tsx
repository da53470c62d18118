import { ContactsSection } from '../coordination/index.js'
import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { PgpKeyFacts } from '../platform/http/pgp-key-facts.js'
import type { listCiOrganizations, loadCiOrganization } from './ci-organizations.usecases.js'
import { SECTORS, sectorLabel } from './sectors.js'

/** Critical-infrastructure organisations by sector (coordinators, administrators). */
export function CiOrganizationList(props: { c: Ctx; orgs: Awaited<ReturnType<typeof listCiOrganizations>> }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/priority-information/organizations/new">{t('priority_information.new_organization')}</a></p>
      {props.orgs.length === 0 ? <p class="meta">{t('common.none')}</p> : (
        <table>
          <thead><tr><th>{t('priority_information.organization')}</th><th>{t('priority_information.sector')}</th><th>{t('priority_information.members')}</th></tr></thead>
          <tbody>{props.orgs.map((o) => (
            <tr><td><a href={`/priority-information/organizations/${o.id}`}>{lang === 'ja' ? o.name_ja : o.name_en}</a></td>
              <td>{o.sector ? sectorLabel(o.sector, lang) : t('priority_information.no_sector')}</td><td>{Number(o.members ?? 0)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

export function CiOrganizationForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
  const v = (k: string) => String(props.values?.[k] ?? '')
  return (
    <>
      <Form c={c} error={props.error} action="/priority-information/organizations" class="stack">
        <Csrf c={c} />
        <Field label={t('priority_information.name_ja')} name="nameJa" required><input id="nameJa" name="nameJa" required maxlength={200} value={v('nameJa')} /></Field>
        <Field label={t('priority_information.name_en')} name="nameEn" required><input id="nameEn" name="nameEn" required maxlength={200} value={v('nameEn')} /></Field>
        <Field label={t('priority_information.sector')} name="sector" required>
          <select id="sector" name="sector" required>
            <option value="">{t('priority_information.choose_sector')}</option>
            {SECTORS.map((s) => <option value={s.key} selected={v('sector') === s.key}>{s[lang]}</option>)}
          </select>
        </Field>
        <Field label={t('priority_information.website')} name="website"><input id="website" name="website" type="url" maxlength={500} value={v('website')} /></Field>
        <Field label={t('pgp.public_key_field')} name="pgpPublicKey"><textarea id="pgpPublicKey" name="pgpPublicKey">{v('pgpPublicKey')}</textarea></Field>
        <button type="submit">{t('common.save')}</button>
      </Form>
    </>
  )
}

/** One organisation: contacts, members, and the forms to add a contact and invite a member. */
export function CiOrganizationPage(props: {
  c: Ctx; data: Awaited<ReturnType<typeof loadCiOrganization>>; notice?: string; error?: unknown
  /** Which form the refused submission came from (its error and values go there), else the error is the page's. */
  failed?: 'contact' | 'invite'; values?: Record<string, unknown>
}) {
  const { c, data, failed } = props
  const mine = (form: 'contact' | 'invite') => (failed === form ? { error: props.error, values: props.values } : {})
  const { t, lang } = c.var
  const { org } = data
  return (
    <>
      <p><a href="/priority-information/organizations">{t('priority_information.organizations_title')}</a></p>
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      {!failed && <ErrorBanner c={c} error={props.error} />}
      <dl class="facts">
        <dt>{t('priority_information.name_ja')}</dt><dd>{org.name_ja}</dd>
        <dt>{t('priority_information.name_en')}</dt><dd>{org.name_en}</dd>
        <dt>{t('priority_information.sector')}</dt><dd>{org.sector ? sectorLabel(org.sector, lang) : t('priority_information.no_sector')}</dd>
        <dt>{t('priority_information.website')}</dt><dd>{org.website ?? ''}</dd>
        <dt>OpenPGP</dt><dd><PgpKeyFacts c={c} registered={Boolean(org.pgp_public_key)} facts={data.keyFacts} /></dd>
      </dl>
      <ContactsSection c={c} contacts={data.contacts} action={`/priority-information/organizations/${org.id}/contacts`} {...mine('contact')} />
      <h2>{t('priority_information.members')}</h2>
      <ul>{data.members.map((m) => <li>{m.display_name} &lt;{m.email}&gt;</li>)}</ul>
      <Form c={c} error={mine('invite').error} action={`/priority-information/organizations/${org.id}/invitations`} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('priority_information.invite_email')} name="inviteEmail" names={['email']} hint={t('priority_information.invite_hint')} required>
          <input id="inviteEmail" name="email" type="email" required list="contact-emails" value={String(mine('invite').values?.email ?? '')} />
        </Field>
        <datalist id="contact-emails">{data.contacts.map((ct) => <option value={ct.email} />)}</datalist>
        <button type="submit">{t('priority_information.invite')}</button>
      </Form>
    </>
  )
}
