import { raw } from 'hono/html'
import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import { SURVEY_PURPOSES, type GuideTopic } from './guides.tables.js'
import { guidePage } from './guide-pages.js'
import { DOCUMENT_PAGE } from './downloads.documents.js'
import { ChecklistDocument } from './checklist.views.js'
import { ConsumerGuideBody } from './consumer-guides.views.js'

/** A document's title as its guide page names it. */
export const documentTitle = (c: Ctx, document: GuideTopic): string => c.var.t(guidePage(DOCUMENT_PAGE[document])!.titleKey)

/**
 * The one optional question before a download, with two buttons: answering is never required.
 * Plain radio buttons and submit buttons, so it works without JavaScript.
 */
export function SurveyForm(props: { c: Ctx; document: GuideTopic; channel: string; values?: Record<string, unknown>; error?: unknown }) {
  const { c, document, channel } = props
  const { t, lang } = c.var
  const chosen = typeof props.values?.purpose === 'string' ? props.values.purpose : ''
  return (
    <>
      <p>{t('guides.download.intro', { title: documentTitle(c, document) })}</p>
      <Form c={c} error={props.error} action={`/guides/downloads/${document}?lang=${lang}`} class="stack narrow guides-survey">
        <Csrf c={c} />
        <input type="hidden" name="ch" value={channel} />
        <input type="hidden" name="lang" value={lang} />
        <Field label={t('guides.download.purpose_question')} name="purpose" hint={t('guides.download.purpose_hint')} group>
          {SURVEY_PURPOSES.map((p) => (
            <label class="choice"><input type="radio" name="purpose" value={p} checked={chosen === p} /> {t(`guides.download.purpose.${p}`)}</label>
          ))}
        </Field>
        <div class="actions">
          <button type="submit" name="survey" value="answer">{t('guides.download.answer_and_download')}</button>
          <button type="submit" name="survey" value="skip" class="secondary">{t('guides.download.skip_and_download')}</button>
        </div>
        <p class="hint">{t('guides.download.privacy')}</p>
      </Form>
    </>
  )
}

/** Print styles of the downloaded file: A4, readable without our site's stylesheet or any network. */
const DOCUMENT_CSS = `
@page { size: A4; margin: 18mm 16mm; }
html { font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif; line-height: 1.6; color: #111; }
body { max-width: 178mm; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin-top: 1.5rem; border-bottom: 1px solid #999; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
section, li, tr { break-inside: avoid; }
.doc-meta { color: #444; font-size: .9rem; }
.doc-qr { display: flex; gap: 1rem; align-items: center; margin-top: 2rem; border-top: 1px solid #999; padding-top: 1rem; break-inside: avoid; }
.doc-qr svg { width: 35mm; height: 35mm; flex: none; }
.doc-qr a { word-break: break-all; color: #111; }
form, button, nav, .no-print { display: none; }
/* The guides' own parts, as the site's stylesheet draws them, in black and white. */
.guide-points, .checklist-boxes { list-style: none; padding: 0; }
.guide-point { display: flex; gap: .8rem; align-items: flex-start; border: 1px solid #999; border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0; }
.guide-icon { flex: none; width: 2.5rem; height: 2.5rem; color: #000; }
.guide-point h3 { margin: 0 0 .3rem; } .guide-point-number { display: block; font-size: .85rem; color: #444; } .guide-how { font-weight: 700; }
.guide-statement { border: 1px solid #999; border-radius: 6px; padding: .1rem .8rem .6rem; margin-top: 1.5rem; }
dl.checklist-levels dt { font-weight: 700; margin-top: .5rem; } dl.checklist-levels dd { margin: .2rem 0 .3rem 1rem; }
.checklist-item { break-inside: avoid; }
`

/**
 * The downloaded document: one self-contained HTML file (UTF-8, its language, inline CSS for A4
 * print, no scripts or outside resources) with the guide's whole content, the date, and a QR code
 * back to the guide page. "Print to PDF" in any browser makes the PDF.
 */
export async function downloadDocumentHtml(c: Ctx, input: { document: GuideTopic; publicUrl: string; qrSvg: string; link: string; now: Date }): Promise<string> {
  const { t, lang } = c.var
  const title = documentTitle(c, input.document)
  const content = input.document === 'checklist' ? <ChecklistDocument c={c} /> : <ConsumerGuideBody c={c} guide={input.document} />
  const html = await (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t('app.name')}`}</title>
        <style>{raw(DOCUMENT_CSS)}</style>
      </head>
      <body>
        <header>
          <h1>{title}</h1>
          <p class="doc-meta">{t('guides.download.document_meta', { app: t('app.name'), date: formatDate(input.now, lang) })}</p>
        </header>
        <main>{content}</main>
        <footer class="doc-qr">
          {raw(input.qrSvg.replace('<svg', `<svg role="img" aria-label="${escapeAttribute(t('guides.download.qr_label'))}"`))}
          <p>{t('guides.download.qr_text')}<br /><a href={input.link}>{input.link}</a></p>
        </footer>
      </body>
    </html>
  ).toString()
  // A saved file has no site around it: the guide's own links must name the site.
  return `<!DOCTYPE html>\n${html.replace(/(href|src)="\/(?!\/)/g, `$1="${input.publicUrl}/`)}`
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
