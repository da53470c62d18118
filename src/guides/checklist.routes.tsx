import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { attachmentDisposition } from '../platform/http/content-disposition.js'
import { errors } from '../platform/errors.js'
import { visitGuidePage } from './guide-visit.js'
import { GuideFrame } from './guide-frame.js'
import { CHECKLIST_ITEM_COUNT, checklistItemPath } from './guide-pages.js'
import { currentChecklist } from './checklist.repository.js'
import { ITEM_NUMBERS } from './checklist.schemas.js'
import { resultDocument, type ChecklistAnswers } from './checklist.usecases.js'
import { answersFromQuery, refusedAnswers } from './checklist-answers.js'
import { resultQuery } from './checklist-result.js'
import { ChecklistForm, ChecklistItemView } from './checklist.views.js'
import { ChecklistResultView } from './checklist-result.views.js'
import { checklistResultsRoutes } from './checklist-results.routes.js'
import { checklistApi } from './checklist.api.js'
import { guidesPolicies } from './guides.policies.js'

/** The developer checklist: filling it in, the result (page, print, JSON), saved results. */
export const checklistRoutes = new Hono<AppEnv>()

const CHECKLIST = '/guides/developers/checklist'

checklistRoutes.get(CHECKLIST, async (c) => {
  const checklist = await currentChecklist(c.var.deps.db)
  // What changed between versions shows under the form, as on every guide page (guide-history.tsx).
  return page(c, c.var.t('guides.checklist.title'), (
    <GuideFrame c={c} visit={await visitGuidePage(c, CHECKLIST)}>
      <ChecklistForm c={c} checklist={checklist} values={c.req.query()} />
    </GuideFrame>
  ))
})

/** What the result page offers besides the result: change the answers, download them, keep them. */
function ResultActions(props: { c: Ctx; r: ChecklistAnswers }) {
  const { c, r } = props
  const { t } = c.var
  const query = resultQuery(r.checklist.version, r.answers, r.productName)
  return (
    <>
      <p>
        <a href={`${CHECKLIST}?${query}`}>{t('guides.checklist.change_answers')}</a>
        {' · '}
        <a href={`${CHECKLIST}/result.json?${query}`} download>{t('guides.checklist.download_json')}</a>
      </p>
      {guidesPolicies.saveChecklistResult(c.var.user)
        ? (
          <form method="post" action={`${CHECKLIST}/results`} class="inline">
            <Csrf c={c} />
            <input type="hidden" name="v" value={String(r.checklist.version)} />
            <input type="hidden" name="product" value={r.productName} />
            {ITEM_NUMBERS.map((n) => <input type="hidden" name={`a${n}`} value={String(r.answers[n] ?? 0)} />)}
            <button type="submit">{t('guides.checklist.save_result')}</button>
          </form>
        )
        : <p class="meta"><a href={`/login?next=${encodeURIComponent(`${CHECKLIST}/result?${query}`)}`}>{t('guides.checklist.sign_in_to_save')}</a></p>}
    </>
  )
}

checklistRoutes.get(`${CHECKLIST}/result`, async (c) => {
  const input = c.req.query()
  let r: ChecklistAnswers
  try {
    r = await answersFromQuery(c, input)
  } catch (e) {
    return refusedAnswers(c, input, e)
  }
  return page(c, c.var.t('guides.checklist.result_title'), (
    <ChecklistResultView c={c} checklist={r.checklist} answers={r.answers} productName={r.productName} actions={<ResultActions c={c} r={r} />} />
  ))
})

checklistRoutes.get(`${CHECKLIST}/result.json`, async (c) => {
  const r = await answersFromQuery(c, c.req.query())
  c.header('Content-Disposition', attachmentDisposition(`checklist-result-v${r.checklist.version}.json`))
  return c.json(resultDocument(r, c.var.lang, c.var.deps.clock.now()))
})

checklistRoutes.get(`${CHECKLIST}/items/:itemNumber`, async (c) => {
  const raw = c.req.param('itemNumber')
  const n = /^\d{1,2}$/.test(raw) ? Number(raw) : 0
  if (n < 1 || n > CHECKLIST_ITEM_COUNT) throw errors.notFound()
  const checklist = await currentChecklist(c.var.deps.db)
  const item = checklist.items.find((i) => i.number === n)
  if (!item) throw errors.notFound()
  const { t, lang } = c.var
  return page(c, t('guides.checklist.item_heading', { number: n, title: item.title[lang] }), (
    <GuideFrame c={c} visit={await visitGuidePage(c, checklistItemPath(n))}>
      <ChecklistItemView c={c} item={item} checklist={checklist} />
    </GuideFrame>
  ))
})

checklistRoutes.route('/', checklistResultsRoutes)
checklistRoutes.route('/', checklistApi)
