import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { AdvisoryDetail } from '../advisories/index.js'
import { pick } from '../advisories/index.js'
import type { RecipientListItem, RecipientView } from './provisions.usecases.js'
import type { listProvisionsForStaff, loadProvisionForStaff, SectorCount } from './staff.usecases.js'
import type { ProvisionState } from './provision-time.js'
import { sectorLabel } from './sectors.js'

const CommitteeBadge = (props: { c: Ctx }) =>
  <span class="status" data-state="from-committee" data-testid="from-committee">{props.c.var.t('priority_information.from_committee')}</span>

/** What a recipient is told of a committee-decided publication: that it is one, not why it is provided. */
const RecipientCommitteeNotice = (props: { c: Ctx; provision: { fromCommitteeDecision: boolean } }) =>
  props.provision.fromCommitteeDecision ? <p class="notice" role="note" data-testid="recipient-committee-notice">{props.c.var.t('priority_information.recipient_committee_notice')}</p> : null

const StateBadge = (props: { c: Ctx; state: ProvisionState }) =>
  <span class="status" data-state={props.state}>{props.c.var.t(`priority_information.state.${props.state}`)}</span>

/** A critical-infrastructure member's list: only what is open to their organisation now. */
export function RecipientList(props: { c: Ctx; items: RecipientListItem[] }) {
  const { t, lang } = props.c.var
  if (props.items.length === 0) return <p class="meta">{t('priority_information.none_available')}</p>
  return (
    <table>
      <thead><tr><th>{t('priority_information.identifier')}</th><th>{t('priority_information.title')}</th><th>{t('priority_information.provide_at')}</th><th>{t('priority_information.publish_at')}</th><th>{t('common.status')}</th></tr></thead>
      <tbody>{props.items.map((i) => (
        <tr>
          <td><a href={`/priority-information/provisions/${i.provision.id}`}>{i.provision.advisory.identifier ?? ''}</a></td>
          <td>{i.title ? pick(i.title, lang) : <span class="meta">{t('priority_information.title_after_terms')}</span>}{i.provision.fromCommitteeDecision && <> <CommitteeBadge c={props.c} /></>}</td>
          <td>{formatDateTime(i.provideAt, lang)}</td>
          <td>{formatDateTime(i.provision.advisory.publishAt, lang)}</td>
          <td><StateBadge c={props.c} state={i.state} />{i.state === 'open' && !i.accepted && <> {t('priority_information.terms_pending')}</>}</td>
        </tr>
      ))}</tbody>
    </table>
  )
}

/** Coordinators: every provision and where it stands. */
export function StaffList(props: { c: Ctx; items: Awaited<ReturnType<typeof listProvisionsForStaff>> }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/priority-information/stats">{t('priority_information.stats_title')}</a> · <a href="/priority-information/organizations">{t('priority_information.organizations_title')}</a></p>
      {props.items.length === 0 ? <p class="meta">{t('priority_information.none_marked')}</p> : (
        <table>
          <thead><tr><th>{t('priority_information.identifier')}</th><th>{t('priority_information.title')}</th><th>{t('priority_information.provide_at')}</th><th>{t('priority_information.publish_at')}</th><th>{t('common.status')}</th></tr></thead>
          <tbody>{props.items.map((i) => (
            <tr>
              <td><a href={`/priority-information/provisions/${i.provision.id}`}>{i.provision.advisory.identifier ?? t('priority_information.no_identifier')}</a></td>
              <td><a href={`/cases/${i.provision.caseId}`}>{pick(i.title, lang)}</a>{i.provision.fromCommitteeDecision && <> <CommitteeBadge c={props.c} /></>}</td>
              <td>{i.provideAt ? formatDateTime(i.provideAt, lang) : t('priority_information.no_provision_time')}</td>
              <td>{formatDateTime(i.provision.advisory.publishAt, lang)}</td>
              <td><StateBadge c={props.c} state={i.state} /></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

/** What a recipient sees on opening a provision: the terms, the draft, or a pointer to the public advisory. */
export function RecipientProvision(props: { c: Ctx; view: RecipientView }) {
  const { c, view } = props
  const { t, lang } = c.var
  if (view.kind === 'published') {
    return <p>{t('priority_information.now_public')} <a href={view.publicPath}>{view.provision.advisory.identifier}</a></p>
  }
  const facts = (
    <dl class="facts">
      <dt>{t('priority_information.identifier')}</dt><dd>{view.provision.advisory.identifier}</dd>
      <dt>{t('priority_information.provide_at')}</dt><dd>{formatDateTime(view.provideAt, lang)}</dd>
      <dt>{t('priority_information.publish_at')}</dt><dd>{formatDateTime(view.provision.advisory.publishAt, lang)}</dd>
    </dl>
  )
  if (view.kind === 'terms') {
    return (
      <>
        <RecipientCommitteeNotice c={c} provision={view.provision} />
        {facts}
        <section class="card">
          <h2>{t('priority_information.terms_title')}</h2>
          <div class="pre">{t('priority_information.terms_body')}</div>
          <form method="post" action={`/priority-information/provisions/${view.provision.id}/accept`} class="stack">
            <Csrf c={c} />
            <button type="submit">{t('priority_information.accept_terms')}</button>
          </form>
        </section>
      </>
    )
  }
  return (
    <>
      <p class="notice" role="note">{t('priority_information.confidential_banner')}</p>
      <RecipientCommitteeNotice c={c} provision={view.provision} />
      <h2>{pick(view.advisory.title, lang)}</h2>
      {facts}
      <AdvisoryDetail t={t} lang={lang} advisory={view.advisory} />
    </>
  )
}

/** Coordinators: the provision's recipients, acceptances and access log (they are not recipients). */
export function StaffProvision(props: { c: Ctx; data: Awaited<ReturnType<typeof loadProvisionForStaff>> }) {
  const { c, data } = props
  const { t, lang } = c.var
  const p = data.provision
  const orgName = (o: { name_ja: string | null; name_en: string | null }) => (lang === 'ja' ? o.name_ja : o.name_en) ?? ''
  return (
    <>
      <p><a href={`/cases/${p.caseId}`}>{t('priority_information.back_to_case')}</a></p>
      <dl class="facts">
        <dt>{t('priority_information.identifier')}</dt><dd>{p.advisory.identifier ?? t('priority_information.no_identifier')}</dd>
        <dt>{t('common.status')}</dt><dd><StateBadge c={c} state={data.state} /></dd>
        <dt>{t('priority_information.lead_days')}</dt><dd>{p.leadBusinessDays}</dd>
        <dt>{t('priority_information.provide_at')}</dt><dd>{data.provideAt ? formatDateTime(data.provideAt, lang) : t('priority_information.no_provision_time')}</dd>
        <dt>{t('priority_information.publish_at')}</dt><dd>{formatDateTime(p.advisory.publishAt, lang)}</dd>
        <dt>{t('priority_information.sectors')}</dt><dd>{p.sectors.map((s) => sectorLabel(s, lang)).join(', ') || t('common.none')}</dd>
        {p.fromCommitteeDecision && <>
          <dt>{t('priority_information.from_committee')}</dt><dd><CommitteeBadge c={c} /> {t('priority_information.from_committee_yes')}</dd>
          <dt>{t('priority_information.committee_reason')}</dt><dd class="pre" data-testid="committee-reason">{p.committeeDecisionReason}</dd>
        </>}
      </dl>
      <h2>{t('priority_information.recipients')}</h2>
      {data.recipients.length === 0 ? <p class="meta">{t('common.none')}</p> : (
        <table>
          <thead><tr><th>{t('priority_information.organization')}</th><th>{t('priority_information.sector')}</th><th>{t('priority_information.notified_at')}</th></tr></thead>
          <tbody>{data.recipients.map((o) => (
            <tr><td>{orgName(o)}</td><td>{sectorLabel(o.sector, lang)}</td><td>{o.notifiedAt ? formatDateTime(o.notifiedAt, lang) : '—'}</td></tr>
          ))}</tbody>
        </table>
      )}
      <h2>{t('priority_information.acceptances')}</h2>
      {data.acceptances.length === 0 ? <p class="meta">{t('common.none')}</p> : (
        <table>
          <thead><tr><th>{t('priority_information.person')}</th><th>{t('priority_information.organization')}</th><th>{t('priority_information.accepted_at')}</th></tr></thead>
          <tbody>{data.acceptances.map((a) => <tr><td>{a.display_name} &lt;{a.email}&gt;</td><td>{orgName(a)}</td><td>{formatDateTime(a.accepted_at, lang)}</td></tr>)}</tbody>
        </table>
      )}
      <h2>{t('priority_information.access_log')}</h2>
      {data.accessLog.length === 0 ? <p class="meta">{t('common.none')}</p> : (
        <table>
          <thead><tr><th>{t('priority_information.when')}</th><th>{t('priority_information.person')}</th><th>{t('priority_information.organization')}</th><th>{t('priority_information.what')}</th></tr></thead>
          <tbody>{data.accessLog.map((l) => (
            <tr><td>{formatDateTime(l.occurred_at, lang)}</td><td>{l.display_name} &lt;{l.email}&gt;</td><td>{orgName(l)}</td>
              <td>{t(`priority_information.access.${l.what.replace('priority_information:', '')}`)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

/** Coordinators: counts by sector (DESIGN §8). */
export function StatsTable(props: { c: Ctx; rows: SectorCount[]; provisionsProvided: number }) {
  const { t, lang } = props.c.var
  const total = (k: 'organizations' | 'provisions' | 'acceptances') => props.rows.reduce((n, r) => n + r[k], 0)
  return (
    <table>
      <thead><tr><th>{t('priority_information.sector')}</th><th>{t('priority_information.count_organizations')}</th><th>{t('priority_information.count_provisions')}</th><th>{t('priority_information.count_acceptances')}</th></tr></thead>
      <tbody>{props.rows.map((r) => (
        <tr data-sector={r.sector}><td>{sectorLabel(r.sector, lang)}</td><td>{r.organizations}</td><td>{r.provisions}</td><td>{r.acceptances}</td></tr>
      ))}</tbody>
      <tfoot><tr><th>{t('priority_information.total')}</th><td>{total('organizations')}</td><td>{props.provisionsProvided}</td><td>{total('acceptances')}</td></tr></tfoot>
    </table>
  )
}
