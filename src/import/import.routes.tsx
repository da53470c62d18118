import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { parsedForm } from '../platform/http/validate.js'
import { fieldDetails } from '../platform/http/field-messages.js'
import { errors } from '../platform/errors.js'
import { importPolicies } from './import.policies.js'
import { importPaths } from './import-files.js'
import type { ImportSummary } from './import.usecases.js'
import { ImportPage } from './import.views.js'

/**
 * The administrator's import (issue 12): one file — JSON, XML or a zip — uploaded, imported like
 * `npm run import` does, and the same summary shown. Anonymous visitors are sent to sign in; anyone
 * else signed in gets 404, as everywhere in the administration area.
 */
export const importRoutes = new Hono<AppEnv>()

function allow(c: Ctx) {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  if (!importPolicies.importEntries(user)) throw errors.notFound()
  return user
}

importRoutes.get('/admin/import', (c) => {
  allow(c)
  return page(c, c.var.t('import.title'), <ImportPage c={c} />)
})

/** The upload's own name, for the summary (never a path on this server). */
const shownName = (name: string) => basename(name.replace(/\\/g, '/')).slice(0, 200) || 'upload'

importRoutes.post('/admin/import', async (c) => {
  allow(c)
  const upload = (await parsedForm(c))['file']
  const file = upload instanceof File && upload.size > 0 ? upload : null
  if (!file) {
    const error = errors.invalidInput(fieldDetails({ file: 'import.error_no_file' }))
    return page(c, c.var.t('import.title'), <ImportPage c={c} error={error} />, 400)
  }
  const name = shownName(file.name)
  const dir = await mkdtemp(join(tmpdir(), 'keikai-upload-'))
  let summary: ImportSummary
  try {
    const path = join(dir, /\.zip$/i.test(name) ? 'upload.zip' : 'upload')
    await writeFile(path, Buffer.from(await file.arrayBuffer()))
    summary = await importPaths(c.var.deps.db, [path], { now: () => c.var.deps.clock.now(), bulk: false })
    summary.bad = summary.bad.map((b) => ({ ...b, file: name, record: b.record.startsWith(dir) || b.record === 'upload' ? name : b.record.replace(`${path}:`, '') }))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  if (summary.read === 0) {
    const error = errors.invalidInput(fieldDetails({ file: 'import.error_nothing_read' }))
    return page(c, c.var.t('import.title'), <ImportPage c={c} error={error} summary={summary} />, 400)
  }
  return page(c, c.var.t('import.title'), <ImportPage c={c} summary={summary} />)
})
