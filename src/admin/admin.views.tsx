import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { policies } from '../policies/policies.js'
import type { AccountSummary, MailStatus, OpenInvitation, OutboxEntry, OutboxMail } from './admin.repository.js'
import type { AuditEntry } from './audit.js'
import type { AuditState } from './admin.tables.js'
import { STAFF_ROLES } from './admin.schemas.js'
import { STAFF_INVITATION_DAYS } from './admin.usecases.js'

const MAIL_STATUSES: MailStatus[] = ['pending', 'sent', 'failed']

/** The administration start page: links only to what this user may use. */
export function AdminHome(props: { c: Ctx }) {
  const { c } = props
  const { t, user, deps } = c.var
  return (
    <>
      <p>{t('admin.intro')}</p>
      <div class="cards">
        {policies.manageAccounts(user) && <AdminCard href="/admin/users" title={t('admin.link_users')} hint={t('admin.link_users_hint')} />}
        {policies.manageAccounts(user) && <AdminCard href="/admin/audit" title={t('admin.audit_title')} hint={t('admin.link_audit_hint')} />}
        {policies.readOutbox(user) && <AdminCard href="/admin/outbox" title={t('admin.link_outbox')} hint={t('admin.link_outbox_hint')} />}
        {policies.manageOrganizations(user) && <AdminCard href="/organizations" title={t('admin.link_organizations')} hint={t('admin.link_organizations_hint')} />}
        <AdminCard href="/uncontactable-policy" title={t('admin.link_contact_policy')} hint={t('admin.link_contact_policy_hint')} />
        <AdminCard href="/deadlines/policies" title={t('admin.link_deadline_policies')} hint={t('admin.link_deadline_policies_hint')} />
        <AdminCard href="/priority-information/organizations" title={t('admin.link_ci_organizations')} hint={t('admin.link_ci_organizations_hint')} />
      </div>
      <p class="meta">{t(deps.config.smtpUrl ? 'admin.smtp_configured' : 'admin.smtp_not_configured')}</p>
    </>
  )
}

function AdminCard(props: { href: string; title: string; hint: string }) {
  return <div class="card"><h2><a href={props.href}>{props.title}</a></h2><p>{props.hint}</p></div>
}

export function OutboxList(props: { c: Ctx; entries: OutboxEntry[]; status?: MailStatus; page: number; hasOlder: boolean }) {
  const { c, entries } = props
  const { t, lang } = c.var
  const href = (status: MailStatus | undefined, page: number) => {
    const params = new URLSearchParams()
    if (status) params.set('status', status)
    if (page > 1) params.set('page', String(page))
    const query = params.toString()
    return query ? `/admin/outbox?${query}` : '/admin/outbox'
  }
  return (
    <>
      <nav aria-label={t('admin.outbox_filter')}>
        {t('admin.outbox_filter')}:{' '}
        <a href={href(undefined, 1)} aria-current={props.status ? undefined : 'page'}>{t('admin.outbox_all')}</a>
        {MAIL_STATUSES.map((s) => <>{' | '}<a href={href(s, 1)} aria-current={props.status === s ? 'page' : undefined}>{t(`admin.mail_status.${s}`)}</a></>)}
      </nav>
      {entries.length === 0 ? <p>{t('admin.outbox_empty')}</p> : (
        <table>
          <thead>
            <tr>
              <th>{t('admin.mail_to')}</th><th>{t('admin.mail_subject')}</th><th>{t('common.status')}</th>
              <th>{t('admin.mail_attempts')}</th><th>{t('admin.mail_created')}</th><th>{t('admin.mail_sent')}</th>
              <th>{t('admin.mail_last_error')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((m) => (
              <tr>
                <td>{m.to}</td>
                <td><a href={`/admin/outbox/${m.id}`}>{m.subject}</a></td>
                <td><span class="status">{t(`admin.mail_status.${m.status}`)}</span></td>
                <td>{m.attempts}</td>
                <td>{formatDateTime(m.createdAt, lang)}</td>
                <td>{formatDateTime(m.sentAt, lang)}</td>
                <td>{m.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {props.page > 1 && <a href={href(props.status, props.page - 1)} rel="prev">{t('admin.page_prev')}</a>}
        {props.page > 1 && props.hasOlder && ' | '}
        {props.hasOlder && <a href={href(props.status, props.page + 1)} rel="next">{t('admin.page_next')}</a>}
      </p>
    </>
  )
}

/** One mail: the text body is shown escaped, as it would arrive (it may quote user input). */
export function OutboxDetail(props: { c: Ctx; mail: OutboxMail }) {
  const { c, mail } = props
  const { t, lang } = c.var
  return (
    <>
      <dl class="facts">
        <dt>{t('admin.mail_to')}</dt><dd>{mail.to}</dd>
        <dt>{t('admin.mail_subject')}</dt><dd>{mail.subject}</dd>
        <dt>{t('common.status')}</dt><dd><span class="status">{t(`admin.mail_status.${mail.status}`)}</span></dd>
        <dt>{t('admin.mail_attempts')}</dt><dd>{mail.attempts}</dd>
        <dt>{t('admin.mail_created')}</dt><dd>{formatDateTime(mail.createdAt, lang)}</dd>
        {mail.sentAt && <><dt>{t('admin.mail_sent')}</dt><dd>{formatDateTime(mail.sentAt, lang)}</dd></>}
        {mail.nextAttemptAt && <><dt>{t('admin.mail_next_attempt')}</dt><dd>{formatDateTime(mail.nextAttemptAt, lang)}</dd></>}
        {mail.lastError && <><dt>{t('admin.mail_last_error')}</dt><dd>{mail.lastError}</dd></>}
      </dl>
      <h2>{t('admin.mail_body')}</h2>
      <pre>{mail.text}</pre>
      <p><a href="/admin/outbox">{t('admin.back_to_outbox')}</a></p>
    </>
  )
}

export function AccountsPage(props: { c: Ctx; accounts: AccountSummary[]; invitations: OpenInvitation[]; page: number; hasMore: boolean; error?: unknown; values?: Record<string, unknown>; accountError?: unknown }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <InviteForm c={c} error={props.error} values={props.values} />
      <OpenInvitations c={c} invitations={props.invitations} />
      <h2 id="accounts">{t('admin.users_list')}</h2>
      <ErrorBanner c={c} error={props.accountError} />
      <p class="meta"><a href="/admin/audit">{t('admin.audit_title')}</a></p>
      <AccountTable c={c} accounts={props.accounts} />
      <p>
        {props.page > 1 && <a href={`/admin/users?page=${props.page - 1}`} rel="prev">{t('admin.page_prev')}</a>}
        {props.page > 1 && props.hasMore && ' | '}
        {props.hasMore && <a href={`/admin/users?page=${props.page + 1}`} rel="next">{t('admin.page_next')}</a>}
      </p>
    </>
  )
}

function InviteForm(props: { c: Ctx; error?: unknown; values?: Record<string, unknown> }) {
  const { c } = props
  const { t } = c.var
  const v = props.values ?? {}
  const checked = new Set(Array.isArray(v.roles) ? v.roles : v.roles ? [v.roles] : [])
  return (
    <section>
      <h2>{t('admin.invite_title')}</h2>
      <p>{t('admin.invite_intro', { days: STAFF_INVITATION_DAYS })}</p>
      <Form c={c} error={props.error} action="/admin/invitations" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('admin.invite_roles')} name="roles" group required>
          {STAFF_ROLES.map((role) => (
            <label><input type="checkbox" name="roles" value={role} checked={checked.has(role)} /> {t(`role.${role}`)}</label>
          ))}
        </Field>
        <Field label={t('admin.invite_email')} name="email" hint={t('admin.invite_email_hint')}>
          <input id="email" name="email" type="email" maxlength={254} value={String(v.email ?? '')} />
        </Field>
        <button type="submit">{t('admin.invite_button')}</button>
      </Form>
    </section>
  )
}

function OpenInvitations(props: { c: Ctx; invitations: OpenInvitation[] }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <section>
      <h2>{t('admin.open_invitations')}</h2>
      {props.invitations.length === 0 ? <p>{t('admin.open_invitations_empty')}</p> : (
        <table>
          <thead><tr><th>{t('admin.user_email')}</th><th>{t('admin.user_roles')}</th><th>{t('common.created_at')}</th><th>{t('admin.invitation_expires_at')}</th><th>{t('common.actions')}</th></tr></thead>
          <tbody>
            {props.invitations.map((inv) => (
              <tr>
                <td>{inv.email ?? t('admin.invitation_email_any')}</td>
                <td>{inv.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                <td>{formatDateTime(inv.createdAt, lang)}</td>
                <td>{formatDateTime(inv.expiresAt, lang)}</td>
                <td>
                  <form method="post" action={`/admin/invitations/${inv.id}/revoke`} class="inline">
                    <Csrf c={c} />
                    <button type="submit" class="secondary">{t('admin.invitation_revoke')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function AccountTable(props: { c: Ctx; accounts: AccountSummary[] }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <table data-testid="accounts">
      <thead>
        <tr>
          <th>{t('admin.user_name')}</th><th>{t('admin.user_email')}</th><th>{t('admin.user_roles')}</th><th>{t('admin.user_organization')}</th>
          <th>{t('admin.user_state')}</th><th>{t('admin.user_last_sign_in')}</th><th>{t('common.created_at')}</th><th>{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((a) => (
          <tr data-account={a.email}>
            <td>{a.displayName}</td>
            <td>{a.email}</td>
            <td>{a.roles.length ? a.roles.map((r) => t(`role.${r}`)).join(', ') : (a.organizationNameJa ? '' : t('admin.user_finder'))}</td>
            <td>{(lang === 'ja' ? a.organizationNameJa : a.organizationNameEn) ?? ''}</td>
            <td><span class="status" data-status={a.disabled ? 'disabled' : 'active'}>{t(a.disabled ? 'admin.user_disabled' : 'admin.user_active')}</span></td>
            <td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, lang) : t('admin.user_never_signed_in')}</td>
            <td>{formatDateTime(a.createdAt, lang)}</td>
            <td><AccountActions c={c} account={a} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What an administrator can do to one account: its roles, (de)activation, a lost second factor. */
function AccountActions(props: { c: Ctx; account: AccountSummary }) {
  const { c, account: a } = props
  const { t } = c.var
  const base = `/admin/users/${a.id}`
  return (
    <div class="stack">
      <details>
        <summary>{t('admin.roles_change')}</summary>
        <form method="post" action={`${base}/roles`} class="stack">
          <Csrf c={c} />
          <fieldset>
            <legend>{t('admin.roles_of', { email: a.email })}</legend>
            {STAFF_ROLES.map((role) => (
              <label><input type="checkbox" name="roles" value={role} checked={a.roles.includes(role)} /> {t(`role.${role}`)}</label>
            ))}
          </fieldset>
          <button type="submit" class="secondary">{t('admin.roles_save')}</button>
        </form>
      </details>
      <form method="post" action={`${base}/${a.disabled ? 'reactivate' : 'deactivate'}`} class="inline">
        <Csrf c={c} />
        <button type="submit" class={a.disabled ? 'secondary' : 'danger'} aria-label={t(a.disabled ? 'admin.reactivate_named' : 'admin.deactivate_named', { email: a.email })}>
          {t(a.disabled ? 'admin.reactivate' : 'admin.deactivate')}
        </button>
      </form>
      {a.secondFactor && (
        <form method="post" action={`${base}/second-factor/reset`} class="inline">
          <Csrf c={c} />
          <button type="submit" class="secondary" aria-label={t('admin.second_factor_reset_named', { email: a.email })}>{t('admin.second_factor_reset')}</button>
        </form>
      )}
    </div>
  )
}

/** The audit trail: who changed what of whom, when, and the state before and after. */
export function AuditTrail(props: { c: Ctx; entries: AuditEntry[]; page: number; hasMore: boolean }) {
  const { c, entries } = props
  const { t, lang } = c.var
  return (
    <>
      <p>{t('admin.audit_intro')}</p>
      {entries.length === 0 ? <p>{t('admin.audit_empty')}</p> : (
        <table data-testid="audit">
          <thead>
            <tr><th>{t('admin.audit_at')}</th><th>{t('admin.audit_actor')}</th><th>{t('admin.audit_action')}</th><th>{t('admin.audit_subject')}</th><th>{t('admin.audit_before')}</th><th>{t('admin.audit_after')}</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr data-action={e.action}>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{e.actor.displayName ? `${e.actor.displayName} <${e.actor.email}>` : t('admin.audit_actor_gone')}</td>
                <td>{t(`admin.audit.action.${e.action}`)}</td>
                <td>{e.subject.label ?? ''}</td>
                <td><AuditStateText c={c} state={e.before} /></td>
                <td><AuditStateText c={c} state={e.after} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {props.page > 1 && <a href={`/admin/audit?page=${props.page - 1}`} rel="prev">{t('admin.page_prev')}</a>}
        {props.page > 1 && props.hasMore && ' | '}
        {props.hasMore && <a href={`/admin/audit?page=${props.page + 1}`} rel="next">{t('admin.page_next')}</a>}
      </p>
    </>
  )
}

/** A recorded state in words: roles by name, yes/no for flags. */
function AuditStateText(props: { c: Ctx; state: AuditState | null }) {
  const { t } = props.c.var
  if (!props.state) return <></>
  const value = (key: string, v: AuditState[string]) => {
    if (key === 'roles' && Array.isArray(v)) return v.length ? v.map((r) => t(`role.${r}`)).join(', ') : t('admin.audit_no_roles')
    if (typeof v === 'boolean') return t(v ? 'admin.audit_yes' : 'admin.audit_no')
    return Array.isArray(v) ? v.join(', ') : (v ?? '—')
  }
  return (
    <dl class="facts compact">
      {Object.entries(props.state).filter(([key]) => key !== 'invitation').map(([key, v]) => <><dt>{t(`admin.audit.field.${key}`)}</dt><dd>{value(key, v)}</dd></>)}
    </dl>
  )
}

/** Shown once after an invitation is made: the only time the full link is visible. */
export function InvitationCreated(props: { c: Ctx; url: string; expiresAt: Date; email?: string }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <>
      <p class="notice">{t('admin.invitation_link_once')}</p>
      <p><code class="secret">{props.url}</code></p>
      <p class="meta">{t('admin.invitation_expires', { date: formatDateTime(props.expiresAt, lang) })}</p>
      {props.email && <p>{t('admin.invitation_mailed', { email: props.email })}</p>}
      <p><a href="/admin/users">{t('admin.users_title')}</a></p>
    </>
  )
}
