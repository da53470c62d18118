import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { listCaseTimers } from './deadlines.queries.js'
import { TimeLeft, TimersTable } from './deadlines.views.js'
import { formatDate } from '../platform/i18n/index.js'
import { deadlinesPolicies } from './deadlines.policies.js'

/** The case's deadlines, running and ended, with pause/resume: staff of the case only (null for everyone else). */
export async function DeadlinesCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, user, deps } = c.var
  if (view.viewer !== 'staff' || !deadlinesPolicies.manageCaseDeadlines(user, view.relation)) return null
  const timers = await listCaseTimers(deps.db, view.kase.id, deps.clock.now())
  return (
    <section data-testid="case-deadlines">
      <h2>{t('deadlines.case_section')}</h2>
      {timers.length === 0 ? <p class="meta">{t('deadlines.case_none')}</p> : <TimersTable c={c} timers={timers} showCase={false} canManage returnTo="case" />}
    </section>
  )
}

/** The case summary's due dates: each running deadline with its day and business days left (paused ones say so). Staff of the case only. */
export async function DeadlinesSummaryFacts(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user, deps } = c.var
  if (view.viewer !== 'staff' || !deadlinesPolicies.manageCaseDeadlines(user, view.relation)) return null
  const running = (await listCaseTimers(deps.db, view.kase.id, deps.clock.now())).filter((timer) => !timer.resolved)
  return <>{running.map((timer) => (
    <>
      <dt>{lang === 'ja' ? timer.label.ja : timer.label.en}</dt>
      <dd data-summary-timer={timer.kind}>
        <time datetime={timer.dueDate}>{formatDate(timer.dueDate, lang)}</time> (<TimeLeft c={c} timer={timer} />{timer.paused && <>, {t('deadlines.paused')}</>})
      </dd>
    </>
  ))}</>
}
