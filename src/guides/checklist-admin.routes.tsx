import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { currentChecklist, listChecklistVersions } from './checklist.repository.js'
import { checklistEditSchema, editFromForm } from './checklist-admin.schemas.js'
import { publishChecklistVersion } from './checklist-admin.usecases.js'
import { ChecklistEditForm, editValues, VersionHistory } from './checklist-admin.views.js'
import { guidesPolicies } from './guides.policies.js'

/** Administrators edit the checklist's items and levels; each save is a new version. */
export const checklistAdminRoutes = new Hono<AppEnv>()

async function editPage(c: Ctx, values?: Record<string, unknown>, error?: unknown) {
  const checklist = await currentChecklist(c.var.deps.db)
  const versions = await listChecklistVersions(c.var.deps.db)
  return page(c, c.var.t('guides.checklist.edit_title'), (
    <>
      {c.req.query('published') && <p class="notice" role="status">{c.var.t('guides.checklist.edit_done', { version: checklist.version })}</p>}
      <ChecklistEditForm c={c} checklist={checklist} values={values ?? editValues(checklist)} error={error} />
      <VersionHistory c={c} versions={versions} />
    </>
  ), error ? 400 : 200)
}

checklistAdminRoutes.get('/guides/developers/checklist/edit', (c) => {
  requireAllowed(c, guidesPolicies.editGuides)
  return editPage(c)
})

checklistAdminRoutes.post('/guides/developers/checklist/versions', async (c) => {
  const user = requireAllowed(c, guidesPolicies.editGuides)
  const form = await formBody(c)
  let edit
  try {
    edit = parseWith(checklistEditSchema, editFromForm(form))
  } catch (e) {
    return editPage(c, form, refusedInput(e))
  }
  await publishChecklistVersion(c.var.deps, { edit, by: user.id })
  return c.redirect('/guides/developers/checklist/edit?published=1', 303)
})
