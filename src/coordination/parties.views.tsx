import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDate, formatDateTime, tokyoDate } from '../platform/i18n/index.js'
import { isCoordinator } from '../policies/policies.js'
import type { CaseView } from '../cases/case-view.js'
import type { CaseSectionProps } from '../cases/case-sections.js'
import { listOrganizations } from './organizations.usecases.js'

type Party = CaseView['parties'][number]
const CLOSED = ['not_accepted', 'not_vulnerable', 'published', 'handled_individually', 'closed_low_impact', 'received']

/** The case-page section: staff get the organisations to add and each party's contacts; finders see no parties. */
export async function CasePartiesSection({ c, view }: CaseSectionProps) {
  if (view.viewer === 'finder' || view.kase.kind !== 'product') return null
  if (view.viewer !== 'staff') return <PartiesSection c={c} view={view} />
  const organizations = await listOrganizations(c.var.deps.db)
  const contacts = await contactsByOrganization(c, view.parties.map((p) => p.organization_id))
  return <PartiesSection c={c} view={view} organizations={organizations} contacts={contacts} />
}

async function contactsByOrganization(c: Ctx, orgIds: string[]) {
  if (!orgIds.length) return {}
  const rows = await c.var.deps.db.selectFrom('organization_contacts').select(['id', 'name', 'email', 'organization_id']).where('organization_id', 'in', orgIds).execute()
  const out: Record<string, { id: string; name: string; email: string }[]> = {}
  for (const r of rows) (out[r.organization_id] ??= []).push(r)
  return out
}

/** The developer organisations of a case: coordinators manage them; a developer sees and answers for its own. */
export function PartiesSection(props: { c: Ctx; view: CaseView; organizations?: { id: string; name_ja: string; name_en: string }[]; contacts?: Record<string, { id: string; name: string; email: string }[]> }) {
  const { c, view } = props
  const { t, user } = c.var
  const coordinating = view.viewer === 'staff' && isCoordinator(user) && !CLOSED.includes(view.kase.status)
  return (
    <section>
      <h2>{t('cases.section.parties')}</h2>
      {view.parties.length === 0 && <p class="meta">{t('coordination.no_parties')}</p>}
      {view.parties.map((p) => <PartyCard c={c} view={view} party={p} coordinating={coordinating} contacts={props.contacts?.[p.organization_id] ?? []} />)}
      {coordinating && props.organizations && (
        <form method="post" action={`/cases/${view.kase.id}/parties`} class="inline">
          <Csrf c={c} />
          <label for="organizationId">{t('coordination.add_party')}</label>
          <select id="organizationId" name="organizationId" required>
            {props.organizations.filter((o) => !view.parties.some((p) => p.organization_id === o.id)).map((o) => <option value={o.id}>{c.var.lang === 'ja' ? o.name_ja : o.name_en}</option>)}
          </select>
          <button type="submit">{t('coordination.add_party_button')}</button>
          <a href={`/organizations/new?case=${view.kase.id}`}>{t('coordination.new_organization')}</a>
        </form>
      )}
    </section>
  )
}

function PartyCard(props: { c: Ctx; view: CaseView; party: Party; coordinating: boolean; contacts: { id: string; name: string; email: string }[] }) {
  const { c, view, party: p } = props
  const { t, lang } = c.var
  const caseId = view.kase.id
  const attempts = view.attempts.filter((a) => a.party_id === p.id)
  const own = view.viewer === 'party' && view.relation.notifiedPartyIds.includes(p.id)
  return (
    <div class="card" data-party={p.id}>
      <h3>{lang === 'ja' ? p.name_ja : p.name_en}</h3>
      <dl class="facts">
        <dt>{t('common.status')}</dt><dd>{t(`party.status.${p.status}`)}</dd>
        {p.notified_at && <><dt>{t('coordination.notified_at')}</dt><dd>{formatDateTime(p.notified_at, lang)}</dd></>}
        {p.response && <><dt>{t('coordination.response')}</dt><dd>{t(`coordination.response.${p.response}`)}</dd></>}
        {p.proposed_publication_date && <><dt>{t('coordination.proposed_date')}</dt><dd>{formatDate(p.proposed_publication_date, lang)}</dd></>}
        <dt>OpenPGP</dt><dd>{p.pgp_public_key ? t('coordination.pgp_registered') : t('common.none')}</dd>
      </dl>
      {p.statement_ja && <><h4>{t('coordination.statement_ja')}</h4><div class="pre">{p.statement_ja}</div></>}
      {p.statement_en && <><h4>{t('coordination.statement_en')}</h4><div class="pre">{p.statement_en}</div></>}
      {p.fix_plan && <><h4>{t('coordination.fix_plan')}</h4><div class="pre">{p.fix_plan}</div></>}
      {view.viewer === 'staff' && (
        <>
          <h4>{t('coordination.attempts')}</h4>
          {attempts.length === 0 ? <p class="meta">{t('common.none')}</p> : (
            <table><thead><tr><th>{t('coordination.attempt_date')}</th><th>{t('coordination.channel')}</th><th>{t('coordination.address')}</th><th>{t('coordination.result')}</th><th>{t('intake.reject_note')}</th></tr></thead>
              <tbody>{attempts.map((a) => <tr><td>{formatDate(a.attempted_at, lang)}</td><td>{t(`coordination.channel.${a.channel}`)}</td><td>{a.address}</td><td>{t(`coordination.result.${a.result}`)}</td><td>{a.note ?? ''}</td></tr>)}</tbody></table>
          )}
        </>
      )}
      {props.coordinating && (
        <>
          <form method="post" action={`/cases/${caseId}/parties/${p.id}/attempts`} class="stack">
            <Csrf c={c} />
            <h4>{t('coordination.log_attempt')}</h4>
            <label>{t('coordination.channel')}<select name="channel">{['email', 'web_form', 'phone', 'postal', 'other'].map((ch) => <option value={ch}>{t(`coordination.channel.${ch}`)}</option>)}</select></label>
            <label>{t('coordination.address')}<input name="address" required maxlength={500} /></label>
            <label>{t('coordination.attempt_date')}<input name="attemptedOn" type="date" required value={tokyoDate(c.var.deps.clock.now())} /></label>
            <label>{t('coordination.result')}<select name="result">{['no_answer', 'bounced', 'reached', 'refused'].map((r) => <option value={r}>{t(`coordination.result.${r}`)}</option>)}</select></label>
            <label>{t('intake.reject_note')}<input name="note" maxlength={2000} /></label>
            <button type="submit" class="secondary">{t('coordination.log_attempt')}</button>
          </form>
          {!p.notified_at && (
            <form method="post" action={`/cases/${caseId}/parties/${p.id}/notify`} class="inline">
              <Csrf c={c} />
              <label for={`contact-${p.id}`}>{t('coordination.notify_contact')}</label>
              <select id={`contact-${p.id}`} name="contactId" required>
                {props.contacts.map((ct) => <option value={ct.id}>{ct.name} &lt;{ct.email}&gt;</option>)}
              </select>
              <button type="submit">{t('coordination.notify')}</button>
              <a href={`/organizations/${p.organization_id}`}>{t('coordination.manage_contacts')}</a>
            </form>
          )}
        </>
      )}
      {own && <DeveloperForms c={c} view={view} party={p} />}
    </div>
  )
}

function DeveloperForms(props: { c: Ctx; view: CaseView; party: Party }) {
  const { c, view, party: p } = props
  const { t, lang } = c.var
  const caseId = view.kase.id
  const statuses = view.vulnStatuses.filter((s) => s.party_id === p.id)
  return (
    <>
      {p.status === 'notified' && (
        <form method="post" action={`/cases/${caseId}/parties/${p.id}/acknowledge`} class="inline">
          <Csrf c={c} /><button type="submit">{t('coordination.acknowledge')}</button>
        </form>
      )}
      <form method="post" action={`/cases/${caseId}/parties/${p.id}/response`} class="stack">
        <Csrf c={c} />
        <h4>{t('cases.section.your_response')}</h4>
        <fieldset>
          <legend>{t('coordination.response_question')}</legend>
          <label><input type="radio" name="response" value="vulnerable" required checked={p.response === 'vulnerable'} /> {t('coordination.response.vulnerable')}</label>
          <label><input type="radio" name="response" value="not_vulnerable" checked={p.response === 'not_vulnerable'} /> {t('coordination.response.not_vulnerable')}</label>
        </fieldset>
        <label>{t('coordination.statement_ja')}<textarea name="statementJa" maxlength={20000}>{p.statement_ja ?? ''}</textarea></label>
        <label>{t('coordination.statement_en')}<textarea name="statementEn" maxlength={20000}>{p.statement_en ?? ''}</textarea></label>
        <label>{t('coordination.fix_plan')}<textarea name="fixPlan" maxlength={20000}>{p.fix_plan ?? ''}</textarea></label>
        <label>{t('coordination.proposed_date')}<input type="date" name="proposedPublicationDate" value={p.proposed_publication_date ?? ''} /></label>
        <button type="submit">{t('common.submit')}</button>
      </form>
      {view.vulnerabilities.map((v) => (
        <form method="post" action={`/cases/${caseId}/parties/${p.id}/vulnerability-status`} class="inline">
          <Csrf c={c} />
          <input type="hidden" name="vulnerabilityId" value={v.id} />
          <span>{lang === 'ja' ? v.title_ja : v.title_en}</span>
          <select name="status">{['unknown', 'affected', 'not_affected', 'fixed'].map((s) => (
            <option value={s} selected={(statuses.find((x) => x.vulnerability_id === v.id)?.status ?? 'unknown') === s}>{t(`vuln.status.${s}`)}</option>
          ))}</select>
          <button type="submit" class="secondary">{t('common.save')}</button>
        </form>
      ))}
    </>
  )
}
