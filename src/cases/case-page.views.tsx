import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { isCoordinator } from '../policies/policies.js'
import { categoryLabel, PRODUCT_TYPES } from './categories.js'
import { detailsOf } from './reports.repository.js'
import type { CaseView } from './case-view.js'
import { CASE_TABS, caseSectionsIn, reportDetailsOf, servesNow, type CaseTab } from './case-sections.js'
import { CaseSummary } from './case-summary.views.js'

/** The tabs this viewer has: no advisory for website cases (never published), deadlines for staff only. */
export function tabsFor(view: Pick<CaseView, 'viewer' | 'kase'>): CaseTab[] {
  return CASE_TABS.filter((tab) => !(tab === 'advisory' && view.kase.kind === 'website') && !(tab === 'deadlines' && view.viewer !== 'staff'))
}

/** The tab a `?tab=` value names, when this viewer has it; the report otherwise. */
export function tabOf(value: string | undefined, view: Pick<CaseView, 'viewer' | 'kase'>): CaseTab {
  return tabsFor(view).find((tab) => tab === value) ?? 'report'
}

export const caseTabHref = (caseId: string, tab: CaseTab) => `/cases/${caseId}?tab=${tab}`

/**
 * The case page: the summary (facts, who is waiting on whom, the next actions the transition table
 * allows this person), then one tab — report, parties, advisory, deadlines, threads or timeline —
 * whose sections alone are rendered. Each section is shown only to those the view model lets see it.
 */
export async function CasePage(props: { c: Ctx; view: CaseView; tab: CaseTab }) {
  const { c, view, tab } = props
  const { t } = c.var
  const k = view.kase
  const kernel = kernelPartOf(c, view, tab)
  const contributed = await sectionsOfTab(c, view, tab)
  return (
    <>
      {view.viewer !== 'staff' && <p class="meta">{t('cases.access_note')}</p>}
      <CaseSummary c={c} view={view} />
      {caseSectionsIn('summary').map((s) => s.render({ c, view }))}
      <nav class="tabs" aria-label={t('cases.tabs')}>
        {tabsFor(view).map((x) => <a href={caseTabHref(k.id, x)} aria-current={x === tab ? 'page' : undefined} data-tab={x}>{t(`cases.tab.${x}`)}</a>)}
      </nav>
      <div class="tab-panel" data-tab-panel={tab}>
        {kernel}
        {contributed}
        {!kernel && contributed.length === 0 && <p class="meta">{t('cases.tab_empty')}</p>}
      </div>
    </>
  )
}

/** What the case kernel itself shows in a tab (null when it has nothing there). */
function kernelPartOf(c: Ctx, view: CaseView, tab: CaseTab): Child | null {
  const { t, lang } = c.var
  const k = view.kase
  switch (tab) {
    case 'report':
      return view.reports.length ? <>{view.reports.map((r) => <ReportSection c={c} caseId={k.id} report={r} />)}</> : null
    case 'advisory': {
      const advisory = AdvisorySection({ c, view })
      return view.vulnerabilities.length || advisory ? <>{view.vulnerabilities.length > 0 && <VulnerabilitiesSection c={c} view={view} />}{advisory}</> : null
    }
    case 'threads': {
      const finderThreads = view.viewer !== 'finder' ? view.finderThreads : []
      if (!view.developerThreads.length && !finderThreads.length) return null
      return (
        <>
          {view.developerThreads.map(({ party, messages }) => (
            <Thread c={c} title={`${t(k.kind === 'website' ? 'websites.operator_thread' : 'cases.section.developer_thread')}: ${lang === 'ja' ? party.name_ja : party.name_en}`}
              action={`/cases/${k.id}/threads/developer/${party.id}`} messages={messages} />
          ))}
          {finderThreads.map(({ report, messages }) => (
            <Thread c={c} title={`${t('cases.section.finder_thread')}: ${report.receipt_number}`}
              action={`/cases/${k.id}/threads/finder/${report.id}`} messages={messages} />
          ))}
        </>
      )
    }
    case 'timeline':
      return <Timeline c={c} events={view.timeline} />
    default:
      return null
  }
}

const isEmpty = (child: unknown) => child === null || child === undefined || child === false || child === ''

/**
 * The sections features contribute to one tab, in feature order: a section that declares what it
 * serves is asked only while it serves the case's state (otherwise absent, or closed when it keeps a
 * record); the others decide themselves.
 */
async function sectionsOfTab(c: Ctx, view: CaseView, tab: CaseTab): Promise<Child[]> {
  const now = { status: view.kase.status, actions: view.actions }
  const shown: Child[] = []
  for (const section of caseSectionsIn(tab)) {
    const serving = servesNow(section, now)
    if (!serving && (section.serves?.idle ?? 'absent') === 'absent') continue
    const body = await section.render({ c, view })
    if (isEmpty(body)) continue
    shown.push(serving
      ? <div class="case-section" id={section.id}>{body}</div>
      : <details class="case-section" id={section.id}><summary>{section.serves?.title ? c.var.t(section.serves.title) : section.id}</summary>{body}</details>)
  }
  return shown
}

export function ReportSection(props: { c: Ctx; caseId: string; report: CaseView['reports'][number]; attachmentBase?: string }) {
  const { c, report: r } = props
  const { t, lang } = c.var
  const d = detailsOf(r)
  const base = props.attachmentBase ?? `/cases/${props.caseId}/attachments`
  const finder = (
    <dl class="facts">
      <dt>{t('intake.submitted_at')}</dt><dd>{formatDateTime(r.submitted_at, lang)}</dd>
      <dt>{t('cases.finder')}</dt>
      <dd>{r.identityVisible ? <>{r.finder_name}{r.finder_email && <> &lt;{r.finder_email}&gt;</>}{r.finder_organization && <> ({r.finder_organization})</>}</> : t('intake.finder_hidden')}</dd>
    </dl>
  )
  const attachments = r.attachments.length > 0 && (
    <>
      <h3>{t('intake.attachment_list')}</h3>
      <ul>{r.attachments.map((a) => (
        <li><a href={`${base}/${a.id}`} download>{a.filename}</a> <span class="meta">({a.size} bytes, SHA-256 {a.sha256.slice(0, 16)}…)</span></li>
      ))}</ul>
    </>
  )
  const contributed = reportDetailsOf(r.kind)
  if (contributed) {
    return (
      <section>
        <h2>{t('cases.section.report')} ({r.receipt_number})</h2>
        {finder}
        {contributed.render({ c, details: r.details })}
        {attachments}
      </section>
    )
  }
  return (
    <section>
      <h2>{t('cases.section.report')} ({r.receipt_number})</h2>
      {finder}
      <dl class="facts">
        <dt>{t('intake.product_name')}</dt><dd>{d.productName}</dd>
        <dt>{t('intake.product_version')}</dt><dd>{d.productVersion}</dd>
        {d.developerName && <><dt>{t('intake.developer_name')}</dt><dd>{d.developerName}</dd></>}
        <dt>{t('intake.product_type')}</dt><dd>{categoryLabel(PRODUCT_TYPES, d.productType, lang)}</dd>
        <dt>{t('intake.already_public')}</dt><dd>{t(`intake.tri.${d.alreadyPublic}`)}</dd>
        <dt>{t('intake.exploited')}</dt><dd>{t(`intake.tri.${d.exploited}`)}</dd>
        <dt>{t('intake.developer_contacted')}</dt><dd>{t(`intake.tri.${d.developerContacted}`)}</dd>
        <dt>{t('intake.consent_credit')}</dt><dd>{r.consent_credit ? `${t('common.yes')} (${r.credit_name ?? ''})` : t('common.no')}</dd>
      </dl>
      <h3>{t('intake.description')}</h3><div class="pre">{d.description}</div>
      <h3>{t('intake.reproduction')}</h3><div class="pre">{d.reproduction}</div>
      <h3>{t('intake.impact')}</h3><div class="pre">{d.impact}</div>
      {d.discoveryMethod && <><h3>{t('intake.discovery_method')}</h3><div class="pre">{d.discoveryMethod}</div></>}
      {attachments}
    </section>
  )
}

function VulnerabilitiesSection(props: { c: Ctx; view: CaseView }) {
  const { t, lang } = props.c.var
  return (
    <section>
      <h2>{t('cases.section.vulnerabilities')}</h2>
      <table>
        <thead><tr><th>#</th><th>{t('advisories.vulnerability_title')}</th><th>CVE</th><th>CWE</th><th>CVSS v3.1</th><th>CVSS v4.0</th></tr></thead>
        <tbody>{props.view.vulnerabilities.map((v) => (
          <tr><td>{v.position}</td><td>{lang === 'ja' ? v.title_ja : v.title_en}</td><td>{v.cve_id ?? ''}</td><td>{v.cwe_id ?? ''}</td>
            <td>{v.cvss31_score ?? ''} <small>{v.cvss31_vector ?? ''}</small></td><td>{v.cvss40_score ?? ''} <small>{v.cvss40_vector ?? ''}</small></td></tr>
        ))}</tbody>
      </table>
    </section>
  )
}

function AdvisorySection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user } = c.var
  const a = view.advisory
  const canEdit = view.viewer === 'staff' && isCoordinator(user) && ['fix_in_progress', 'publication_scheduled', 'published', 'committee_review'].includes(view.kase.status)
  if (!a && !canEdit) return null
  return (
    <section>
      <h2>{t('cases.section.advisory')}</h2>
      {a?.identifier && <p>{a.identifier} — {t(`advisories.status.${a.status}`)} {a.publish_at && formatDateTime(a.publish_at, lang)}</p>}
      {a?.status === 'published' && a.identifier && <p><a href={`/advisories/${a.identifier.replace('#', '')}`}>{t('cases.advisory_public')}</a></p>}
      {canEdit && <p><a href={`/cases/${view.kase.id}/advisory`}>{t('cases.advisory_edit')}</a></p>}
    </section>
  )
}

export function Thread(props: { c: Ctx; title: string; action: string; messages: { id: string; author_label: string; body: string; created_at: Date }[] }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <section class="thread">
      <h2>{props.title}</h2>
      {props.messages.length === 0 && <p class="meta">{t('cases.no_messages')}</p>}
      {props.messages.map((m) => (
        <div class="message"><div class="meta">{m.author_label} — {formatDateTime(m.created_at, lang)}</div>{m.body}</div>
      ))}
      <form method="post" action={props.action} class="stack">
        <Csrf c={c} />
        <label>{t('cases.message_body')}<textarea name="body" required maxlength={20000}></textarea></label>
        <button type="submit">{t('cases.message_send')}</button>
      </form>
    </section>
  )
}

export function Timeline(props: { c: Ctx; events: CaseView['timeline'] }) {
  const { t, lang } = props.c.var
  return (
    <section>
      <h2>{t('cases.section.timeline')}</h2>
      <ol class="timeline">{props.events.map((e) => (
        <li data-event={e.type}>
          <strong>{t(`event.${e.type}`)}</strong>
          {e.to_status && e.from_status !== e.to_status && t(`case.status.${e.to_status}`) !== t(`event.${e.type}`) && <> → {t(`case.status.${e.to_status}`)}</>}
          <div class="meta">{formatDateTime(e.occurred_at, lang)} · {e.actor_label}</div>
        </li>
      ))}</ol>
    </section>
  )
}
