import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { formBody } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { checklistVersion, deleteChecklistResult, findChecklistResult, listChecklistResults } from './checklist.repository.js'
import { saveChecklistResult, type ChecklistAnswers } from './checklist.usecases.js'
import { resultQuery } from './checklist-result.js'
import { ChecklistResultView } from './checklist-result.views.js'
import { answersFromQuery, refusedAnswers } from './checklist-answers.js'
import { guidesPolicies } from './guides.policies.js'

/** Results a signed-in person kept: each seen by its owner alone (anyone else: 404). */
export const checklistResultsRoutes = new Hono<AppEnv>()

const RESULTS = '/guides/developers/checklist/results'

checklistResultsRoutes.post(RESULTS, async (c) => {
  const user = requireAllowed(c, guidesPolicies.saveChecklistResult)
  const form = await formBody(c)
  let r: ChecklistAnswers
  try {
    r = await answersFromQuery(c, form)
  } catch (e) {
    return refusedAnswers(c, form, e)
  }
  const id = await saveChecklistResult(c.var.deps.db, { ...r, userId: user.id, now: c.var.deps.clock.now() })
  return c.redirect(`${RESULTS}/${id}`, 303)
})

checklistResultsRoutes.get(RESULTS, async (c) => {
  const user = requireAllowed(c, guidesPolicies.saveChecklistResult)
  const { t, lang } = c.var
  const results = await listChecklistResults(c.var.deps.db, user.id)
  return page(c, t('guides.checklist.saved_title'), (
    <>
      <p>{t('guides.checklist.saved_intro')}</p>
      {results.length === 0
        ? <p>{t('guides.checklist.saved_none')}</p>
        : (
          <table>
            <thead>
              <tr><th scope="col">{t('guides.checklist.product_name')}</th><th scope="col">{t('guides.checklist.result_made_at')}</th><th scope="col">{t('guides.checklist.result_version')}</th><th scope="col">{t('guides.checklist.summary_level1')}</th></tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr>
                  <td><a href={`${RESULTS}/${r.id}`}>{r.productName || t('guides.checklist.unnamed_product')}</a></td>
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                  <td>{t('guides.checklist.version_n', { version: r.version })}</td>
                  <td>{t('guides.checklist.of_items', { count: Object.values(r.answers).filter((l) => l >= 1).length, total: Object.keys(r.answers).length })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      <p><a href="/guides/developers/checklist">{t('guides.checklist.fill_in')}</a></p>
    </>
  ))
})

/** The signed-in person's own saved result; anyone else's is not found. */
async function ownResult(c: Ctx) {
  const user = requireAllowed(c, guidesPolicies.saveChecklistResult)
  const result = await findChecklistResult(c.var.deps.db, c.req.param('checklistResultId') ?? '')
  if (!result || result.userId !== user.id) throw errors.notFound()
  return { user, result }
}

checklistResultsRoutes.get(`${RESULTS}/:checklistResultId`, async (c) => {
  const { result } = await ownResult(c)
  const { t } = c.var
  const checklist = await checklistVersion(c.var.deps.db, result.version)
  if (!checklist) throw errors.notFound()
  const query = resultQuery(result.version, result.answers, result.productName)
  const actions = (
    <>
      <p>
        <a href={`/guides/developers/checklist?${query}`}>{t('guides.checklist.change_answers')}</a>
        {' · '}
        <a href={`/guides/developers/checklist/result.json?${query}`} download>{t('guides.checklist.download_json')}</a>
        {' · '}
        <a href={RESULTS}>{t('guides.checklist.saved_title')}</a>
      </p>
      <form method="post" action={`${RESULTS}/${result.id}/delete`} class="inline">
        <Csrf c={c} />
        <button type="submit" class="secondary">{t('guides.checklist.delete_result')}</button>
      </form>
    </>
  )
  return page(c, t('guides.checklist.result_title'), (
    <ChecklistResultView c={c} checklist={checklist} answers={result.answers} productName={result.productName} madeAt={result.createdAt} actions={actions} />
  ))
})

checklistResultsRoutes.post(`${RESULTS}/:checklistResultId/delete`, async (c) => {
  const { user, result } = await ownResult(c)
  await deleteChecklistResult(c.var.deps.db, result.id, user.id)
  return c.redirect(RESULTS, 303)
})
