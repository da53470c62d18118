import type { DB } from '../platform/db/database.js'
import type { Config } from '../platform/config.js'
import { formatDate, translator, type Lang } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { listReportsOfCase } from '../cases/reports.repository.js'

/** Outcomes a finder is told of that intake's `notifyFinders` has no message for (yet). */
export type FinderOutcome = 'handled_individually' | 'closed_low_impact' | 'duplicate_joined' | 'duplicate_joined_website'

/**
 * Mails the finders of a case (those who gave an address; only `reportIds` when given) about an
 * outcome, inside the caller's transaction. Like intake's finder mail it names the receipt number
 * and the step, never vulnerability details; the finder reads those behind their link or account.
 */
export async function mailFindersOutcome(trx: DB, config: Config, input: {
  caseId: string; what: FinderOutcome; now: Date; date?: string; reportIds?: string[]
}): Promise<number> {
  let sent = 0
  for (const r of await listReportsOfCase(trx, input.caseId)) {
    if (!r.finder_email || (input.reportIds && !input.reportIds.includes(r.id))) continue
    const lang: Lang = r.locale === 'en' ? 'en' : 'ja'
    const t = translator(lang)
    const params = { receipt: r.receipt_number, date: formatDate(input.date ?? null, lang) }
    const text = [
      t(`end_of_life.mail.${input.what}.body`, params), '',
      t('intake.mail.my_reports', { url: `${config.publicUrl}/my/reports` }), '',
      t('intake.mail.signature'),
    ].join('\n')
    await enqueueMail(trx, { to: r.finder_email, subject: t(`end_of_life.mail.${input.what}.subject`, params), text }, input.now)
    sent++
  }
  return sent
}
