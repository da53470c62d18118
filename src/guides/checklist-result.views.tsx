import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { ChecklistVersion } from './checklist.repository.js'
import { nextSteps, summarise, type Answers, type LevelCounts } from './checklist-result.js'
import { inLang, partTitle, VersionLine } from './checklist.views.js'

function CountCells(props: { counts: LevelCounts }) {
  const { counts } = props
  return <><td>{counts.items}</td><td>{counts.atLeast1}</td><td>{counts.atLeast2}</td><td>{counts.level3}</td></>
}

/** Per part and in all: how many items reach level 1, 2 and 3. */
function SummaryTable(props: { c: Ctx; checklist: ChecklistVersion; answers: Answers }) {
  const { c } = props
  const { t } = c.var
  const summary = summarise(props.checklist.items, props.answers)
  return (
    <table class="figures checklist-summary">
      <caption>{t('guides.checklist.summary_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('guides.checklist.summary_part')}</th><th scope="col">{t('guides.checklist.summary_items')}</th>
          <th scope="col">{t('guides.checklist.summary_level1')}</th><th scope="col">{t('guides.checklist.summary_level2')}</th><th scope="col">{t('guides.checklist.summary_level3')}</th>
        </tr>
      </thead>
      <tbody>
        {summary.parts.map((p) => <tr><th scope="row">{partTitle(c, p.part)}</th><CountCells counts={p} /></tr>)}
      </tbody>
      <tfoot>
        <tr><th scope="row">{t('guides.checklist.summary_total')}</th><CountCells counts={summary.total} /></tr>
      </tfoot>
    </table>
  )
}

/**
 * A checklist result: the summary, each item's level, and what to do next for each item below
 * level 3. Read with the items of the version it was made with. `actions` are the page's buttons
 * (change answers, download, keep), which print leaves out.
 */
export function ChecklistResultView(props: { c: Ctx; checklist: ChecklistVersion; answers: Answers; productName: string; madeAt?: Date; actions?: Child }) {
  const { c, checklist, answers } = props
  const { t, lang } = c.var
  const steps = nextSteps(checklist.items, answers, lang)
  return (
    <div class="checklist-result">
      <dl class="facts">
        {props.productName && <><dt>{t('guides.checklist.product_name')}</dt><dd>{props.productName}</dd></>}
        <dt>{t('guides.checklist.result_version')}</dt><dd>{t('guides.checklist.version_n', { version: checklist.version })}</dd>
        {props.madeAt && <><dt>{t('guides.checklist.result_made_at')}</dt><dd>{formatDateTime(props.madeAt, lang)}</dd></>}
      </dl>
      <VersionLine c={c} checklist={checklist} />
      {props.actions && <div class="no-print checklist-actions">{props.actions}</div>}
      <h2>{t('guides.checklist.summary_title')}</h2>
      <SummaryTable c={c} checklist={checklist} answers={answers} />
      <h2>{t('guides.checklist.items_title')}</h2>
      <table class="checklist-items">
        <thead>
          <tr><th scope="col">{t('guides.checklist.col_item')}</th><th scope="col">{t('guides.checklist.col_reached')}</th><th scope="col">{t('guides.checklist.col_next')}</th></tr>
        </thead>
        <tbody>
          {checklist.items.map((item) => {
            const reached = answers[item.number] ?? 0
            const step = steps.find((s) => s.item === item.number)
            return (
              <tr data-item={String(item.number)}>
                <th scope="row">{t('guides.checklist.item_heading', { number: item.number, title: inLang(c, item.title) })}</th>
                <td>{t(`guides.checklist.level_${reached}`)}</td>
                <td>{step ? <><strong>{t(`guides.checklist.level_${step.nextLevel}`)}</strong>: {step.next}</> : t('guides.checklist.all_done')}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p class="meta print-hint">{t('guides.checklist.print_hint')}</p>
    </div>
  )
}
