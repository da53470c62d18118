import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { requireAllowed } from '../platform/http/guards.js'
import { guidesPolicies } from './guides.policies.js'
import { listChannels } from './channels.repository.js'
import { effectReport, type EffectReport } from './effect.js'
import { parseEffectQuery } from './effect.schemas.js'
import { EffectDashboard, EffectFilters } from './effect.views.js'
import { effectCsv } from './effect.csv.js'
import { presentEffect } from './effect.api.js'

/** The effect dashboard: views, QR scans, downloads, survey answers, ratings, subscriptions. */
export const effectRoutes = new Hono<AppEnv>()

const reportFor = async (c: Ctx): Promise<EffectReport> => effectReport(c.var.deps.db, parseEffectQuery(c.req.query(), c.var.deps.clock.now()))

effectRoutes.get('/guides/effect', async (c) => {
  requireAllowed(c, guidesPolicies.viewEffect)
  const channels = await listChannels(c.var.deps.db)
  const title = c.var.t('guides.effect.title')
  let report: EffectReport
  try {
    report = await reportFor(c)
  } catch (e) {
    return page(c, title, <EffectFilters c={c} values={c.req.query()} channels={channels} error={refusedInput(e)} />, 400)
  }
  const q = report.query
  const values = { from: q.from, to: q.to, page: q.page ?? '', topic: q.topic ?? '', channel: q.channel === null ? '' : q.channel === '' ? '-' : q.channel }
  return page(c, title, <><EffectFilters c={c} values={values} channels={channels} /><EffectDashboard c={c} report={report} channels={channels} /></>)
})

effectRoutes.get('/guides/effect.csv', async (c) => {
  requireAllowed(c, guidesPolicies.viewEffect)
  const report = await reportFor(c)
  return c.body(effectCsv(report, c.var.t), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="guides-effect-${report.query.from}-${report.query.to}.csv"`,
  })
})

effectRoutes.get('/api/v1/guides/effect', async (c) => {
  requireAllowed(c, guidesPolicies.viewEffect)
  return c.json(presentEffect(await reportFor(c)))
})
