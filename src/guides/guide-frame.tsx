import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import type { GuideVisit } from './guide-visit.js'
import { qrTarget, QR_SIZES } from './qr.js'
import { RatingForm } from './ratings.views.js'
import { GuideHistory } from './guide-history.js'

/** The query a QR code image is asked with: this page, and the channel the visitor came by. */
const qrQuery = (visit: GuideVisit) => {
  const q = new URLSearchParams({ page: visit.page.path })
  if (visit.channel) q.set('ch', visit.channel)
  return q.toString()
}

/** This page's QR code (its link shown as text, so a printed copy can be typed in) and its downloads for print. */
function QrBlock(props: { c: Ctx; visit: GuideVisit }) {
  const { c, visit } = props
  const { t } = c.var
  const target = qrTarget(c.var.deps.config.publicUrl, visit.page.path, visit.channel)
  const query = qrQuery(visit)
  return (
    <section class="guide-qr" aria-labelledby="guide-qr-title">
      <h2 id="guide-qr-title">{t('guides.frame.qr_heading')}</h2>
      <div class="guide-qr-body">
        <img src={`/guides/qr.svg?${query}`} width={160} height={160} alt={t('guides.frame.qr_alt')} />
        <div>
          <p class="guide-qr-link">{t('guides.frame.qr_link')}<br /><code>{target}</code></p>
          <p class="hint no-print">{t('guides.frame.qr_hint')}</p>
          <p class="no-print">{t('guides.frame.qr_download')}</p>
          <ul class="guide-qr-downloads no-print">
            <li><a href={`/guides/qr.svg?${query}&download=1`} download>{t('guides.frame.qr_svg')}</a></li>
            {QR_SIZES.map((size) => <li><a href={`/guides/qr.png?${query}&size=${size}&download=1`} download>{t('guides.frame.qr_png', { size: String(size) })}</a></li>)}
          </ul>
        </div>
      </div>
    </section>
  )
}

/**
 * Every guide page's frame: the page's own content, then its QR code (SVG / PNG for print), the
 * star rating, and links to download the guide and to register for update notices. The rating
 * form carries a per-visitor CSRF token, so pages in this frame are never page-cached.
 */
export function GuideFrame(props: { c: Ctx; visit: GuideVisit; children: Child }) {
  const { c, visit } = props
  const { t } = c.var
  const topic = visit.page.topic
  // The channel follows the visitor to a download or a registration, so those count by channel too.
  const withChannel = visit.channel ? `?ch=${encodeURIComponent(visit.channel)}` : ''
  return (
    <div class="guide">
      <div class="guide-content">{props.children}</div>
      <GuideHistory c={c} topic={topic} />
      <div class="guide-frame">
        <QrBlock c={c} visit={visit} />
        <section class="guide-rating no-print" aria-labelledby="guide-rating-title">
          <h2 id="guide-rating-title">{t('guides.rating.heading')}</h2>
          <RatingForm c={c} page={visit.page.path} channel={visit.channel} />
        </section>
        <nav class="guide-links no-print" aria-label={t('guides.frame.links_label')}>
          <ul>
            {topic && <li><a href={`/guides/downloads/${topic}${withChannel}`}>{t('guides.frame.download_guide')}</a></li>}
            <li><a href={`/guides/updates${withChannel}`}>{t('guides.frame.get_updates')}</a></li>
          </ul>
        </nav>
      </div>
    </div>
  )
}
