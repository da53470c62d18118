import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import type { TimerView } from './deadlines.queries.js'
import type { DeadlinePolicy, listPolicyChanges } from './deadline-policies.js'
import { OFFSET_UNITS } from './deadlines.model.js'

/** How much time a timer has left, in business days, as a person reads it. */
export function TimeLeft(props: { c: Ctx; timer: TimerView }) {
  const { t } = props.c.var
  const { timer } = props
  if (timer.overdue) return <strong>{t('deadlines.overdue', { n: timer.businessDaysOverdue ?? 0 })}</strong>
  if (timer.businessDaysLeft === 0) return <strong>{t('deadlines.due_today')}</strong>
  return <>{t('deadlines.left', { n: timer.businessDaysLeft ?? 0 })}</>
}

/**
 * Pause (with a required reason) or resume; `returnTo` says which page to come back to. A refused
 * pause comes back on a page of its own with `error`: the reason as a labelled field, what was typed kept.
 */
export function PauseResumeForm(props: { c: Ctx; timer: TimerView; returnTo: 'queue' | 'case'; error?: unknown; values?: Record<string, unknown> }) {
  const { c, timer } = props
  const { t } = c.var
  if (timer.resolved) return null
  if (timer.paused) {
    return (
      <form method="post" action={`/deadlines/${timer.id}/resume`} class="inline">
        <Csrf c={c} /><input type="hidden" name="returnTo" value={props.returnTo} />
        <button type="submit" class="secondary">{t('deadlines.resume')}</button>
      </form>
    )
  }
  if (props.error) {
    return (
      <Form c={c} error={props.error} action={`/deadlines/${timer.id}/pause`} class="stack narrow">
        <Csrf c={c} /><input type="hidden" name="returnTo" value={props.returnTo} />
        <Field label={t('deadlines.reason')} name={`reason-${timer.id}`} names={['reason']} hint={t('deadlines.reason_hint')} required>
          <input id={`reason-${timer.id}`} name="reason" required maxlength={2000} value={typeof props.values?.reason === 'string' ? props.values.reason : ''} />
        </Field>
        <button type="submit" class="secondary">{t('deadlines.pause')}</button>
      </Form>
    )
  }
  return (
    <form method="post" action={`/deadlines/${timer.id}/pause`} class="inline">
      <Csrf c={c} /><input type="hidden" name="returnTo" value={props.returnTo} />
      <input name="reason" required maxlength={2000} aria-label={t('deadlines.reason')} placeholder={t('deadlines.reason')} title={t('deadlines.reason_hint')} />
      <button type="submit" class="secondary">{t('deadlines.pause')}</button>
    </form>
  )
}

function TimerState(props: { c: Ctx; timer: TimerView }) {
  const { t, lang } = props.c.var
  const { timer } = props
  if (timer.resolved) {
    return <>{t('deadlines.resolved', { resolution: t(`deadlines.resolution.${timer.resolved.resolution}`), date: formatDate(timer.resolved.at, lang) })}</>
  }
  if (timer.paused) {
    return <><span class="status" data-status="paused">{t('deadlines.paused')}</span> <span class="meta">{t('deadlines.paused_since', { date: formatDate(timer.paused.at, lang) })}</span><div>{timer.paused.reason}</div></>
  }
  return <><span class="status" data-status="running">{t('deadlines.running')}</span>{timer.remindedAt && <div class="meta">{t('deadlines.reminded')}</div>}</>
}

/** Timers as a table; with `showCase`, each row links to its case (the queue). */
export function TimersTable(props: { c: Ctx; timers: TimerView[]; showCase: boolean; canManage: boolean; returnTo: 'queue' | 'case' }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <table data-testid="deadlines">
      <thead><tr>
        {props.showCase && <th>{t('deadlines.col.case')}</th>}
        <th>{t('deadlines.col.kind')}</th><th>{t('deadlines.col.due')}</th><th>{t('deadlines.col.left')}</th><th>{t('deadlines.col.state')}</th>
        {props.canManage && <th>{t('common.actions')}</th>}
      </tr></thead>
      <tbody>{props.timers.map((timer) => (
        <tr data-timer={timer.id} data-kind={timer.kind} data-overdue={String(timer.overdue)}>
          {props.showCase && <td><a href={`/cases/${timer.caseId}`}>{timer.caseTitle}</a>{timer.receiptNumber && <div class="meta">{timer.receiptNumber}</div>}</td>}
          <td>{lang === 'ja' ? timer.label.ja : timer.label.en}</td>
          <td><time datetime={timer.dueDate}>{formatDate(timer.dueDate, lang)}</time></td>
          <td>{timer.resolved ? '' : <TimeLeft c={c} timer={timer} />}</td>
          <td><TimerState c={c} timer={timer} /></td>
          {props.canManage && <td><PauseResumeForm c={c} timer={timer} returnTo={props.returnTo} /></td>}
        </tr>
      ))}</tbody>
    </table>
  )
}

/** The staff due/overdue queue. */
export function DeadlineQueue(props: { c: Ctx; timers: TimerView[]; mine: boolean }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <p class="meta">{t('deadlines.intro')}</p>
      <p><a href="/deadlines" aria-current={props.mine ? undefined : 'page'}>{t('deadlines.all')}</a> · <a href="/deadlines?mine=1" aria-current={props.mine ? 'page' : undefined}>{t('deadlines.mine')}</a></p>
      {props.timers.length === 0 ? <p>{t('deadlines.empty')}</p> : <TimersTable c={c} timers={props.timers} showCase canManage returnTo="queue" />}
    </>
  )
}

type PolicyChangeRow = Awaited<ReturnType<typeof listPolicyChanges>>[number]

const FIELD_LABELS: Record<string, string> = {
  amount: 'deadlines.policy.amount', unit: 'deadlines.policy.unit', reminderLeadBusinessDays: 'deadlines.policy.reminder', enabled: 'deadlines.policy.enabled',
}

function describeChange(c: Ctx, values: Record<string, unknown>): string {
  const { t } = c.var
  const value = (k: string, v: unknown) => k === 'unit' ? t(`deadlines.unit.${String(v)}`) : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : String(v)
  return Object.entries(values).map(([k, v]) => `${FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k}: ${value(k, v)}`).join(', ')
}

/** What a policy counts from, as people say it: a website's clock starts at the operator's first notification. */
const baseLabel = (p: DeadlinePolicy) => (p.kind === 'website_long_running' ? 'deadlines.base.operator_notification' : `deadlines.base.${p.baseEvent}`)

/** The administrators' page of deadline policies, one form per policy, and the change log. */
export function PoliciesPage(props: {
  c: Ctx; policies: DeadlinePolicy[]; changes: PolicyChangeRow[]; saved: boolean
  /** A refused change: which policy's form, why, and what was entered. */
  failed?: { kind: string; error: unknown; values: Record<string, unknown> }
}) {
  const { c, failed } = props
  const { t, lang } = c.var
  return (
    <>
      <p class="meta">{t('deadlines.policies_intro')}</p>
      {props.saved && <p class="notice" role="status">{t('deadlines.policy.saved')}</p>}
      <div class="cards">{props.policies.map((p) => {
        const mine = failed?.kind === p.kind ? failed : undefined
        // After a refused change, the values entered; else the policy's own.
        const v = (k: 'amount' | 'unit' | 'reminderLeadBusinessDays') => (mine ? String(mine.values[k] ?? '') : String(p[k]))
        const enabled = mine ? mine.values.enabled !== undefined : p.enabled
        return (
          <Form c={c} error={mine?.error} action={`/deadlines/policies/${p.kind}`} class="card stack" data-policy={p.kind}>
            <Csrf c={c} />
            <h2>{lang === 'ja' ? p.labelJa : p.labelEn}</h2>
            <p class="meta">{t('deadlines.policy.base')}: {t(baseLabel(p))} ({t(`deadlines.direction.${p.direction}`)})</p>
            <Field label={t('deadlines.policy.amount')} name={`amount-${p.kind}`} names={['amount']} required>
              <input id={`amount-${p.kind}`} name="amount" type="number" min={0} max={3650} required value={v('amount')} />
            </Field>
            <Field label={t('deadlines.policy.unit')} name={`unit-${p.kind}`} names={['unit']}>
              <select id={`unit-${p.kind}`} name="unit">{OFFSET_UNITS.map((u) => <option value={u} selected={u === v('unit')}>{t(`deadlines.unit.${u}`)}</option>)}</select>
            </Field>
            <Field label={t('deadlines.policy.reminder')} name={`lead-${p.kind}`} names={['reminderLeadBusinessDays']} required>
              <input id={`lead-${p.kind}`} name="reminderLeadBusinessDays" type="number" min={0} max={60} required value={v('reminderLeadBusinessDays')} />
            </Field>
            <label><input type="checkbox" name="enabled" checked={enabled} /> {t('deadlines.policy.enabled')}</label>
            <button type="submit">{t('deadlines.policy.save')}</button>
          </Form>
        )
      })}</div>
      <h2>{t('deadlines.policy.history')}</h2>
      {props.changes.length === 0 ? <p>{t('deadlines.policy.history_empty')}</p> : (
        <table data-testid="policy-changes">
          <thead><tr><th>{t('deadlines.policy.changed_at')}</th><th>{t('deadlines.policy.kind')}</th><th>{t('deadlines.policy.changed_by')}</th><th>{t('deadlines.policy.change')}</th></tr></thead>
          <tbody>{props.changes.map((ch) => {
            const policy = props.policies.find((p) => p.kind === ch.kind)
            return (
              <tr><td>{formatDateTime(ch.changedAt, lang)}</td><td>{policy ? (lang === 'ja' ? policy.labelJa : policy.labelEn) : ch.kind}</td><td>{ch.changedBy}</td>
                <td>{describeChange(c, ch.previous)} → {describeChange(c, ch.next)}</td></tr>
            )
          })}</tbody>
        </table>
      )}
    </>
  )
}
