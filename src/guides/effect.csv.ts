import { stringify } from 'csv-stringify/sync'
import type { Translate } from '../platform/i18n/index.js'
import { averageStars, SURVEY_ANSWERS, type EffectReport } from './effect.js'

/** Excel reads a UTF-8 file as the local code page (Shift_JIS in Japan) unless it starts with a BOM. */
const BOM = '\uFEFF'

/**
 * The dashboard as one CSV table for a spreadsheet: one row per week × guide page × channel with
 * every measure (the page is empty for update-notice subscriptions, the channel empty for direct
 * visits), a header row in the reader's language, UTF-8 with a BOM and CRLF line ends.
 */
export function effectCsv(report: EffectReport, t: Translate): string {
  const head = [
    t('guides.effect.week'), t('guides.effect.page'), t('guides.effect.channel'),
    t('guides.effect.views'), t('guides.effect.visitors'), t('guides.effect.qr_scans'), t('guides.effect.downloads'),
    ...SURVEY_ANSWERS.map((p) => `${t('guides.effect.survey')}: ${t(`guides.effect.purpose.${p}`)}`),
    t('guides.effect.ratings'), t('guides.effect.average'), ...[1, 2, 3, 4, 5].map((s) => t('guides.effect.stars_n', { n: s })),
    t('guides.effect.subscriptions_new'), t('guides.effect.subscriptions_confirmed'), t('guides.effect.unsubscribed'),
  ]
  const rows = report.cells.map(({ week, page, channel, measures: m }) => [
    week, page, channel, m.views, m.visitors, m.qrScans, m.downloads, ...SURVEY_ANSWERS.map((p) => m.survey[p]),
    m.ratings, averageStars(m) ?? '', ...m.stars, m.subscriptionsNew, m.subscriptionsConfirmed, m.unsubscribed,
  ])
  return BOM + stringify([head, ...rows], { record_delimiter: 'windows' })
}
