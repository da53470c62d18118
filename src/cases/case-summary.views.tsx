import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import { isCoordinator } from '../policies/policies.js'
import type { CaseView } from './case-view.js'
import { allCaseSections, caseSectionsIn, CASE_TABS, type CaseTab } from './case-sections.js'
import { waitingOf } from './case-waiting.js'

/** The advisory's own transitions, done in the advisory editor (a page of its own). */
const ADVISORY_EDITOR_ACTIONS = ['schedule_publication', 'reschedule_publication', 'unschedule_publication', 'revise_advisory']

export type NextAction = { action: string; href: string }

/**
 * The next actions for this person: the transitions the table allows from the case's state that a
 * section's form performs and this person may do, each with a link to that form (its tab and
 * anchor), in section order; the advisory's transitions link to the advisory editor.
 */
export function nextActionsOf(c: Ctx, view: CaseView): NextAction[] {
  if (view.viewer !== 'staff') return []
  const k = view.kase
  const offered: NextAction[] = []
  const offer = (action: string, href: string) => { if (!offered.some((a) => a.action === action)) offered.push({ action, href }) }
  for (const section of allCaseSections()) {
    if (!(CASE_TABS as readonly string[]).includes(section.slot)) continue
    for (const a of section.actions ?? []) {
      if (view.actions.includes(a.action) && (a.can ? a.can({ c, view }) : true)) {
        offer(a.action, `/cases/${k.id}?tab=${section.slot as CaseTab}${section.id ? `#${section.id}` : ''}`)
      }
    }
  }
  if (k.kind === 'product' && isCoordinator(c.var.user)) {
    for (const action of ADVISORY_EDITOR_ACTIONS) if (view.actions.includes(action)) offer(action, `/cases/${k.id}/advisory`)
  }
  return offered
}

/** The head of every tab: state in words, the case's facts (features add theirs, such as due dates), who waits on whom, what can be done next. */
export function CaseSummary(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang } = c.var
  const k = view.kase
  const waiting = waitingOf(k.kind, k.status)
  const next = nextActionsOf(c, view)
  return (
    <section class="case-summary" aria-labelledby="case-summary-title" data-testid="case-summary">
      <h2 id="case-summary-title">{t('cases.summary')}</h2>
      <dl class="facts">
        <dt>{t('common.status')}</dt><dd><span class="status" data-status={k.status}>{t(`case.status.${k.status}`)}</span></dd>
        <dt>{t('cases.receipt')}</dt><dd>{view.reports.map((r, i) => <>{i > 0 && ', '}<span class="nowrap">{r.receipt_number}</span></>)}</dd>
        <dt>{t('cases.kind')}</dt><dd>{t(`intake.kind.${k.kind}`)}</dd>
        {k.accepted_at && <><dt>{t('intake.accepted_at')}</dt><dd>{formatDate(k.accepted_at, lang)}</dd></>}
        {k.start_date && <><dt>{t(k.kind === 'website' ? 'websites.notified_on' : 'intake.start_date')}</dt><dd>{formatDate(k.start_date, lang)}</dd></>}
        {view.coordinatorName && <><dt>{t(k.kind === 'website' ? 'websites.handler' : 'cases.coordinator')}</dt><dd>{view.coordinatorName}</dd></>}
        {k.rejection_reason && <><dt>{t('intake.rejection_reason')}</dt><dd>{t(`intake.reject_reason.${k.rejection_reason}`)}</dd></>}
        <dt>{t('cases.waiting')}</dt>
        <dd data-testid="case-waiting">{waiting
          ? t('cases.waiting_on', { on: t(`cases.role.${waiting.on}`), who: t(`cases.role.${waiting.who}`) })
          : t('cases.waiting_none')}</dd>
        {caseSectionsIn('facts').map((s) => s.render({ c, view }))}
      </dl>
      {view.viewer === 'staff' && (
        <>
          <h3>{t('cases.next_actions')}</h3>
          {next.length === 0
            ? <p class="meta" data-testid="next-actions-none">{t('cases.next_actions_none')}</p>
            : <ul class="next-actions" data-testid="next-actions">{next.map((a) => <li data-action={a.action}><a href={a.href}>{t(`case.action.${a.action}`)}</a></li>)}</ul>}
        </>
      )}
    </section>
  )
}
