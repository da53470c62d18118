import type { Config } from '../platform/config.js'
import { translator, type Lang } from '../platform/i18n/index.js'
import { enqueueMail, type OutgoingMail } from '../platform/mail/outbox.js'
import type { Deps } from '../platform/http/context.js'
import { listReportsOfCase } from './reports.repository.js'

/**
 * Mail to a finder. It names the receipt number and the step, never the vulnerability details;
 * the finder reads those behind their tracking link or account.
 */
/** The steps a finder is told of (DESIGN §2, §3, §4). */
export type FinderMailStep = 'received' | 'accepted' | 'accepted_website' | 'not_accepted' | 'start_date' | 'published'
  | 'operator_notified' | 'website_fixed' | 'website_not_vulnerable' | 'website_stalled' | 'website_closed_by_alert'
  | 'tracking_replaced'

export function finderMail(config: Config, lang: Lang, what: FinderMailStep,
  p: { to: string; receipt: string; trackingUrl?: string; reason?: string; startDate?: string; advisoryUrl?: string; fixType?: string }): OutgoingMail {
  const t = translator(lang)
  const params = {
    receipt: p.receipt,
    reason: p.reason ? t(`intake.reject_reason.${p.reason}`) : '',
    startDate: p.startDate ?? '',
    advisoryUrl: p.advisoryUrl ?? '',
    fixType: p.fixType ? t(`websites.fix_type.${p.fixType}`) : '',
  }
  const lines = [t(`intake.mail.${what}.body`, params)]
  if (p.trackingUrl) lines.push('', t('intake.mail.tracking_link'), p.trackingUrl)
  lines.push('', t('intake.mail.my_reports', { url: `${config.publicUrl}/my/reports` }), '', t('intake.mail.signature'))
  return { to: p.to, subject: t(`intake.mail.${what}.subject`, params), text: lines.join('\n') }
}

/** Mails every finder of a case (those who gave an address) about a step the guideline tells them. */
export async function notifyFinders(deps: Deps, trx: Deps['db'], caseId: string, what: FinderMailStep, now: Date, extra: Record<string, string> = {}) {
  for (const r of await listReportsOfCase(trx, caseId)) {
    if (!r.finder_email) continue
    await enqueueMail(trx, finderMail(deps.config, r.locale as 'ja' | 'en', what, { to: r.finder_email, receipt: r.receipt_number, ...extra }), now)
  }
}
