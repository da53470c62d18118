import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { pick } from '../advisories/index.js'
import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import type { AlertRecord } from './alerts.repository.js'
import type { CoveredCase, StaffCaseLine } from './alert-cases.repository.js'
import { StatusBadge } from './alerts-staff.views.js'
import { categoryLabel } from '../cases/categories.js'

/** What the last action on the page did, from the redirect's query (PRG). */
export type CoverageNotice = { added?: number; removed?: number; closed?: number; skipped?: number }

/** The columns that let staff recognise a case. STAFF ONLY: this never renders on a public page. */
function CaseCells(props: { c: Ctx; line: StaffCaseLine }) {
  const { t, lang } = props.c.var
  const l = props.line
  return (
    <>
      <td><a href={`/cases/${l.caseId}`}>{l.receiptNumbers.join(', ') || l.caseId}</a></td>
      <td>{l.urls.map((u) => <div><code>{u}</code></div>)}</td>
      <td>{l.operator ? pick(l.operator, lang) : t('common.none')}</td>
      <td>{categoryLabel(WEBSITE_VULNERABILITY_TYPES, l.vulnerabilityType, lang)}</td>
      <td>{formatDate(l.notifiedOn, lang)}</td>
      <td>{t(`alerts.case_status.${l.status}`)}</td>
    </>
  )
}

function CaseHead(props: { c: Ctx; extra?: string }) {
  const { t } = props.c.var
  return (
    <tr>
      <th>{t('alerts.select')}</th>
      <th>{t('alerts.col_receipt')}</th><th>{t('alerts.col_urls')}</th><th>{t('alerts.col_operator')}</th>
      <th>{t('alerts.vulnerability_type')}</th><th>{t('alerts.col_notified')}</th><th>{t('common.status')}</th>
      {props.extra && <th>{props.extra}</th>}
    </tr>
  )
}

function Notice(props: { c: Ctx; notice: CoverageNotice }) {
  const { t } = props.c.var
  const n = props.notice
  const lines = [
    n.added !== undefined && t('alerts.notice_added', { n: n.added }),
    n.removed !== undefined && t('alerts.notice_removed', { n: n.removed }),
    n.closed !== undefined && t('alerts.notice_closed', { closed: n.closed, skipped: n.skipped ?? 0 }),
  ].filter(Boolean)
  return lines.length ? <div class="notice" role="status">{lines.map((l) => <p>{l}</p>)}</div> : null
}

export function CoveragePage(props: {
  c: Ctx; alert: AlertRecord; covered: CoveredCase[]; candidates: StaffCaseLine[]; truncated: boolean
  filter: string; notice: CoverageNotice; error?: unknown
}) {
  const { t, lang } = props.c.var
  const a = props.alert
  const open = props.covered.filter((x) => x.status === 'accepted' || x.status === 'operator_notified').length
  return (
    <>
      <p><a href={`/staff/alerts/${a.id}`}>{pick(a.title, lang)}</a> <StatusBadge c={props.c} alert={a} /> {a.identifier && <code>{a.identifier}</code>}</p>
      <p class="meta">{t('alerts.coverage_private')}</p>
      <Notice c={props.c} notice={props.notice} />
      <ErrorBanner c={props.c} error={props.error} />

      <h2>{t('alerts.covered_heading', { n: props.covered.length })}</h2>
      {props.covered.length === 0 ? <p>{t('alerts.covered_empty')}</p> : (
        <form method="post" action={`/staff/alerts/${a.id}/cases/removal`}>
          <Csrf c={props.c} />
          <table>
            <thead><CaseHead c={props.c} extra={t('alerts.col_added')} /></thead>
            <tbody>
              {props.covered.map((x) => (
                <tr>
                  <td>{x.status !== 'closed_by_alert' && <input type="checkbox" name="caseIds" value={x.caseId} aria-label={t('alerts.select')} />}</td>
                  <CaseCells c={props.c} line={x} />
                  <td>{formatDateTime(x.addedAt, lang)}{x.addedBy && <> · {x.addedBy}</>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{t('alerts.remove_selected')}</button>
        </form>
      )}

      <h2>{t('alerts.close_heading')}</h2>
      {a.status === 'published' ? (
        <form method="post" action={`/staff/alerts/${a.id}/closure`}>
          <Csrf c={props.c} />
          <p>{t('alerts.close_intro', { n: open })}</p>
          <button type="submit">{t('alerts.close_all')}</button>
        </form>
      ) : <p>{t('alerts.close_needs_publication')}</p>}

      <h2>{t('alerts.candidates_heading')}</h2>
      <form method="get" action={`/staff/alerts/${a.id}/cases`} class="inline">
        <label for="vulnerabilityType">{t('alerts.filter_type')}</label>{' '}
        <select id="vulnerabilityType" name="vulnerabilityType">
          <option value="all" selected={props.filter === 'all'}>{t('alerts.all_types')}</option>
          {WEBSITE_VULNERABILITY_TYPES.map((c) => <option value={c.key} selected={props.filter === c.key}>{c[lang]}</option>)}
        </select>{' '}
        <button type="submit">{t('alerts.filter')}</button>
      </form>
      {props.candidates.length === 0 ? <p>{t('alerts.candidates_empty')}</p> : (
        <form method="post" action={`/staff/alerts/${a.id}/cases`}>
          <Csrf c={props.c} />
          <table>
            <thead><CaseHead c={props.c} /></thead>
            <tbody>
              {props.candidates.map((x) => (
                <tr>
                  <td><input type="checkbox" name="caseIds" value={x.caseId} aria-label={t('alerts.select')} /></td>
                  <CaseCells c={props.c} line={x} />
                </tr>
              ))}
            </tbody>
          </table>
          {props.truncated && <p class="meta">{t('alerts.candidates_truncated', { n: props.candidates.length })}</p>}
          <button type="submit">{t('alerts.cover_selected')}</button>
        </form>
      )}
    </>
  )
}
