import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { guidesPolicies } from './guides.policies.js'
import { archiveChannel, findChannel, insertChannel, listChannels } from './channels.repository.js'
import { channelSchema } from './channels.schemas.js'
import { channelErrors } from './channels.errors.js'
import { ChannelQrPage, ChannelsPage, channelName } from './channels.views.js'

/** Outreach channels staff create, with their QR codes. */
export const channelsRoutes = new Hono<AppEnv>()

async function channelsPage(c: Ctx, failed?: { values: Record<string, unknown>; error: unknown; status: 400 | 409 }) {
  const channels = await listChannels(c.var.deps.db)
  return page(c, c.var.t('guides.channels.title'), <ChannelsPage c={c} channels={channels} values={failed?.values} error={failed?.error} />, failed?.status ?? 200)
}

channelsRoutes.get('/guides/channels', (c) => {
  requireAllowed(c, guidesPolicies.manageChannels)
  return channelsPage(c)
})

channelsRoutes.post('/guides/channels', async (c) => {
  const user = requireAllowed(c, guidesPolicies.manageChannels)
  const form = await formBody(c)
  let input
  try {
    input = parseWith(channelSchema, form)
  } catch (e) {
    return channelsPage(c, { values: form, error: refusedInput(e), status: 400 })
  }
  const { db, clock } = c.var.deps
  const created = await insertChannel(db, { tag: input.tag, kind: input.kind, nameJa: input.nameJa, nameEn: input.nameEn || input.nameJa, by: user.id, now: clock.now() })
  if (!created) return channelsPage(c, { values: form, error: channelErrors.tagTaken(input.tag), status: 409 })
  return c.redirect(`/guides/channels/${input.tag}`, 303)
})

async function channelOf(c: Ctx) {
  const channel = await findChannel(c.var.deps.db, c.req.param('channelTag') ?? '')
  if (!channel) throw errors.notFound()
  return channel
}

channelsRoutes.get('/guides/channels/:channelTag', async (c) => {
  requireAllowed(c, guidesPolicies.manageChannels)
  const channel = await channelOf(c)
  return page(c, c.var.t('guides.channels.qr_title', { name: channelName(c, channel) }), <ChannelQrPage c={c} channel={channel} publicUrl={c.var.deps.config.publicUrl} />)
})

channelsRoutes.post('/guides/channels/:channelTag/archive', async (c) => {
  requireAllowed(c, guidesPolicies.manageChannels)
  const channel = await channelOf(c)
  await archiveChannel(c.var.deps.db, channel.tag, c.var.deps.clock.now())
  return c.redirect('/guides/channels', 303)
})
