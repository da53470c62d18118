import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/validate.js'
import { attachmentDisposition } from '../platform/http/content-disposition.js'
import { activeChannelTag } from './channels.repository.js'
import { guidePage } from './guide-pages.js'
import { qrErrors } from './qr.errors.js'
import { qrFilename, qrPng, qrSvg, qrTarget, QR_SIZES, type QrSize } from './qr.js'

/** QR codes of guide pages, with a channel's tag, as SVG and PNG. */
export const qrRoutes = new Hono<AppEnv>()

/**
 * What a QR code request asks for, checked: a guide page (else 404), an active channel when a tag
 * is given (else 400: staff must not print a dead tag) and one of the sizes drawn for print.
 */
async function qrRequest(c: Ctx): Promise<{ page: string; channel: string; size: QrSize; download: boolean }> {
  const path = c.req.query('page')
  if (!path) throw errors.invalidInput(fieldDetails({ page: 'validation.required' }))
  const page = guidePage(path)
  if (!page) throw errors.notFound()
  const tag = c.req.query('ch') ?? ''
  const channel = tag ? await activeChannelTag(c.var.deps.db, tag) : ''
  if (tag && !channel) throw qrErrors.unknownChannel(tag.slice(0, 64))
  const asked = c.req.query('size')
  const size = asked === undefined ? 300 : QR_SIZES.find((s) => String(s) === asked)
  if (!size) throw qrErrors.badSize()
  return { page: page.path, channel, size, download: c.req.query('download') === '1' }
}

function headers(q: { page: string; channel: string; size: QrSize; download: boolean }, type: 'svg' | 'png') {
  const filename = qrFilename(q.page, q.channel, type, q.size)
  return {
    'Content-Type': type === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
    'Content-Disposition': q.download ? attachmentDisposition(filename) : `inline; filename="${filename}"`,
    'Cache-Control': 'public, max-age=3600',
  }
}

qrRoutes.get('/guides/qr.svg', async (c) => {
  const q = await qrRequest(c)
  const svg = await qrSvg(qrTarget(c.var.deps.config.publicUrl, q.page, q.channel), q.size)
  return c.body(svg, 200, headers(q, 'svg'))
})

qrRoutes.get('/guides/qr.png', async (c) => {
  const q = await qrRequest(c)
  const png = await qrPng(qrTarget(c.var.deps.config.publicUrl, q.page, q.channel), q.size)
  return c.body(new Uint8Array(png), 200, headers(q, 'png'))
})
