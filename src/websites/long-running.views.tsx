import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import { WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import type { LongRunningBucket } from './long-running-buckets.js'
import type { LongRunningCase, LongRunningDashboard } from './long-running.queries.js'
import type { LongRunningQuery } from './long-running.schemas.js'

export type RemindersNotice = { reminded: number; skipped: number } | null

/** The dashboard's filters as a query string (links, the reminder form's way back). */
export function filterQuery(q: Pick<LongRunningQuery, 'type' | 'bucket' | 'page'>, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams()
  if (q.type) params.set('type', q.type)
  if (q.bucket) params.set('bucket', q.bucket)
  if (q.page && q.page > 1) params.set('page', String(q.page))
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

function bucketLabel(c: Ctx, b: LongRunningBucket): string {
  return b.max === null ? c.var.t('long_running.bucket_open', { min: b.min }) : c.var.t('long_running.bucket', { min: b.min, max: b.max })
}

function Summary(props: { c: Ctx; d: LongRunningDashboard }) {
  const { c, d } = props
  const { t, lang } = c.var
  const { buckets, rows, totals, total } = d.summary
  const cell = (n: number, type: string | null, bucket?: string) =>
    n > 0 && type !== null ? <a href={`/websites/long-running${filterQuery({ type: type || undefined, bucket })}`}>{n}</a> : String(n)
  return (
    <table data-testid="long-running-summary">
      <thead><tr><th>{t('long_running.col.type')}</th>{buckets.map((b) => <th data-bucket={b.key}>{bucketLabel(c, b)}</th>)}<th>{t('long_running.col.total')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr data-type={r.vulnerabilityType.key ?? ''}>
            <th>{r.vulnerabilityType[lang]}</th>
            {buckets.map((b) => <td data-bucket={b.key}>{cell(r.counts[b.key] ?? 0, r.vulnerabilityType.key, b.key)}</td>)}
            <td data-bucket="total">{cell(r.total, r.vulnerabilityType.key)}</td>
          </tr>
        ))}
        <tr data-type="total">
          <th>{t('long_running.col.total')}</th>
          {buckets.map((b) => <td data-bucket={b.key}>{cell(totals[b.key] ?? 0, '', b.key)}</td>)}
          <td data-bucket="total">{total}</td>
        </tr>
      </tbody>
    </table>
  )
}

function Filters(props: { c: Ctx; d: LongRunningDashboard; q: LongRunningQuery }) {
  const { c, d, q } = props
  const { t, lang } = c.var
  return (
    <form method="get" action="/websites/long-running" class="inline" role="search">
      <label>{t('long_running.col.type')}{' '}
        <select name="type"><option value="">{t('long_running.all')}</option>
          {WEBSITE_VULNERABILITY_TYPES.map((o) => <option value={o.key} selected={o.key === q.type}>{o[lang]}</option>)}</select>
      </label>{' '}
      <label>{t('long_running.col.bucket')}{' '}
        <select name="bucket"><option value="">{t('long_running.all')}</option>
          {d.summary.buckets.map((b) => <option value={b.key} selected={b.key === q.bucket}>{bucketLabel(c, b)}</option>)}</select>
      </label>{' '}
      <button type="submit" class="secondary">{t('long_running.filter')}</button>
    </form>
  )
}

function CaseRow(props: { c: Ctx; r: LongRunningCase; buckets: LongRunningBucket[] }) {
  const { c, r } = props
  const { t, lang } = c.var
  const bucket = props.buckets.find((b) => b.key === r.bucket)
  const receipt = r.receiptNumber ?? r.caseId
  return (
    <tr data-case={r.caseId} data-elapsed={String(r.elapsedDays)} data-bucket={r.bucket ?? ''}>
      <td><input type="checkbox" name="caseIds" value={r.caseId} aria-label={t('long_running.select_case', { receipt })} /></td>
      <td><a href={`/cases/${r.caseId}`}>{receipt}</a></td>
      <td>{r.operator ? <>{lang === 'ja' ? r.operator.nameJa : r.operator.nameEn}
        {r.operator.orgType && <div class="meta">{t(`long_running.org_type.${r.operator.orgType}`)}</div>}</> : <span class="meta">{t('long_running.no_operator')}</span>}</td>
      <td>{r.vulnerabilityType[lang]}</td>
      <td><time datetime={r.notifiedOn}>{formatDate(r.notifiedOn, lang)}</time></td>
      <td>{t('long_running.days', { n: r.elapsedDays })}</td>
      <td>{bucket ? bucketLabel(c, bucket) : ''}</td>
      <td>{r.lastReminderOn ? <time datetime={r.lastReminderOn}>{formatDate(r.lastReminderOn, lang)}</time> : '—'}</td>
      <td><button type="submit" name="single" value={r.caseId} class="secondary">{t('long_running.remind_one')}</button></td>
    </tr>
  )
}

function Paging(props: { c: Ctx; d: LongRunningDashboard; q: LongRunningQuery }) {
  const { c, d, q } = props
  const { t } = c.var
  if (d.total <= d.pageSize) return null
  const from = (d.page - 1) * d.pageSize + 1
  const to = Math.min(d.total, d.page * d.pageSize)
  return (
    <p>
      {d.page > 1 && <><a href={`/websites/long-running${filterQuery({ ...q, page: d.page - 1 })}`}>{t('long_running.prev')}</a>{' '}</>}
      {t('long_running.page', { from, to, total: d.total })}
      {to < d.total && <>{' '}<a href={`/websites/long-running${filterQuery({ ...q, page: d.page + 1 })}`}>{t('long_running.next')}</a></>}
    </p>
  )
}

/** The long-running dashboard: counts by bucket and type, the cases, and reminders to their operators. */
export function LongRunningPage(props: { c: Ctx; d: LongRunningDashboard; q: LongRunningQuery; notice: RemindersNotice; error?: unknown; note?: string }) {
  const { c, d, q, notice } = props
  const { t, lang } = c.var
  const unit = t(`deadlines.unit.${d.threshold.unit}`)
  return (
    <>
      <p class="meta">{t('long_running.intro', { days: d.threshold.days, today: formatDate(d.today, lang), amount: d.threshold.amount, unit })}</p>
      {notice && <div class="notice" role="status">
        <p>{t('long_running.reminded', { n: notice.reminded })}</p>
        {notice.skipped > 0 && <p>{t('long_running.skipped', { n: notice.skipped })}</p>}
      </div>}
      <ErrorBanner c={c} error={props.error} />
      <h2>{t('long_running.summary')}</h2>
      <Summary c={c} d={d} />
      <h2>{t('long_running.cases')}</h2>
      <Filters c={c} d={d} q={q} />
      {d.cases.length === 0 ? <p>{t('long_running.empty')}</p> : (
        <form method="post" action={`/websites/long-running/reminders${filterQuery(q)}`} class="stack">
          <Csrf c={c} />
          <table data-testid="long-running-cases">
            <thead><tr>
              <th>{t('long_running.col.select')}</th><th>{t('long_running.col.receipt')}</th><th>{t('long_running.col.operator')}</th><th>{t('long_running.col.type')}</th>
              <th>{t('long_running.col.notified_on')}</th><th>{t('long_running.col.elapsed')}</th><th>{t('long_running.col.bucket')}</th>
              <th>{t('long_running.col.last_reminder')}</th><th>{t('common.actions')}</th>
            </tr></thead>
            <tbody>{d.cases.map((r) => <CaseRow c={c} r={r} buckets={d.summary.buckets} />)}</tbody>
          </table>
          <Paging c={c} d={d} q={q} />
          <div class="field">
            <label for="long-running-note">{t('long_running.note')}</label>
            <textarea id="long-running-note" name="note" maxlength={2000} rows={2}>{props.note ?? ''}</textarea>
          </div>
          <p class="meta">{t('long_running.reminders_hint')}</p>
          <button type="submit">{t('long_running.remind_selected')}</button>
        </form>
      )}
    </>
  )
}
