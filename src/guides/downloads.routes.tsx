import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { attachmentDisposition } from '../platform/http/content-disposition.js'
import { errors } from '../platform/errors.js'
import { translator, type Lang } from '../platform/i18n/index.js'
import { activeChannelTag } from './channels.repository.js'
import { firstTimeToday, visitorSeed } from './visitors.js'
import { qrSvg, qrTarget } from './qr.js'
import { DOCUMENT_PAGE, downloadDocument } from './downloads.documents.js'
import { surveyAnswer, surveySchema } from './downloads.schemas.js'
import { recordDownload } from './downloads.repository.js'
import { SurveyForm, documentTitle, downloadDocumentHtml } from './downloads.views.js'
import type { GuideTopic } from './guides.tables.js'

/** Downloads of the guides, after an optional one-question survey. */
export const downloadsRoutes = new Hono<AppEnv>()

function documentOf(c: Ctx): GuideTopic {
  const document = downloadDocument(c.req.param('document') ?? '')
  if (!document) throw errors.notFound()
  return document
}

function surveyPage(c: Ctx, document: GuideTopic, channel: string, failed?: { error: unknown; values: Record<string, unknown> }) {
  return page(c, c.var.t('guides.download.title', { title: documentTitle(c, document) }),
    <SurveyForm c={c} document={document} channel={channel} values={failed?.values} error={failed?.error} />, failed ? 400 : 200)
}

/** The document and language the rest of the request renders in: the form's, when it names one. */
function readIn(c: Ctx, lang: Lang | undefined) {
  if (!lang || lang === c.var.lang) return
  c.set('lang', lang)
  c.set('t', translator(lang))
}

downloadsRoutes.get('/guides/downloads/:document', async (c) => {
  const document = documentOf(c)
  return surveyPage(c, document, await activeChannelTag(c.var.deps.db, c.req.query('ch')))
})

/**
 * Records the download once per visitor, document and day (repeats and floods still get the file)
 * with the survey's answer, then sends the document as an attachment.
 */
downloadsRoutes.post('/guides/downloads/:document', rateLimit('guide-downloads', 60, 3600), async (c) => {
  const document = documentOf(c)
  const { db, clock, config } = c.var.deps
  const form = await formBody(c)
  let input
  let purpose
  try {
    input = parseWith(surveySchema, form)
    purpose = surveyAnswer(input)
  } catch (e) {
    const error = refusedInput(e)
    return surveyPage(c, document, await activeChannelTag(db, typeof form.ch === 'string' ? form.ch : undefined), { error, values: form })
  }
  readIn(c, input.lang)
  const channel = await activeChannelTag(db, input.ch)
  const now = clock.now()
  if (await firstTimeToday(db, now, visitorSeed(c), `download\n${document}`)) {
    await recordDownload(db, { document, language: c.var.lang, purpose, channel, now })
  }
  const link = qrTarget(config.publicUrl, DOCUMENT_PAGE[document], '')
  const html = await downloadDocumentHtml(c, { document, publicUrl: config.publicUrl, qrSvg: await qrSvg(link), link, now })
  return c.body(html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Disposition': attachmentDisposition(`keikai-${document}-${c.var.lang}.html`),
    'Cache-Control': 'no-store',
  })
})
