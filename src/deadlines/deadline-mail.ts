import type { DB } from '../platform/db/database.js'
import type { Config } from '../platform/config.js'
import { enqueueLocalizedMail } from '../platform/mail/outbox.js'
import { formatDate, translator, type Lang } from '../platform/i18n/index.js'
import type { Timer } from './timers.usecases.js'
import { dueDateOf } from './deadline-policies.js'
import { operatorRecipients, reinviteOperator } from '../websites/index.js'
import { caseStaffRecipients, organizationRecipients, type CaseRecipient } from '../cases/case-recipients.js'

export type Notice = 'reminder' | 'overdue'

/** The developer organisations still to acknowledge: members and open invitations. */
async function developerRecipients(trx: DB, caseId: string, now: Date): Promise<CaseRecipient[]> {
  const organizationIds = (await trx.selectFrom('case_parties').select('organization_id').where('case_id', '=', caseId)
    .where('status', '=', 'notified').execute()).map((p) => p.organization_id)
  return organizationRecipients(trx, { caseId, organizationIds, now })
}

/**
 * Queues the reminder or overdue notice of one timer, inside the transaction that marks it sent.
 * Like all keikai mail it carries no vulnerability details: the deadline, the receipt number and
 * a link to sign in.
 */
export async function enqueueTimerNotice(trx: DB, config: Config, timer: Timer, notice: Notice, now: Date): Promise<number> {
  const policy = await trx.selectFrom('deadline_policies').select(['label_ja', 'label_en']).where('kind', '=', timer.kind).executeTakeFirstOrThrow()
  const receipt = (await trx.selectFrom('reports').select('receipt_number').where('case_id', '=', timer.case_id).orderBy('submitted_at').executeTakeFirst())?.receipt_number ?? timer.case_id
  const due = dueDateOf(timer.due_at)
  const url = `${config.publicUrl}/cases/${timer.case_id}`
  const seen = new Set<string>()
  let sent = 0
  const send = async (r: CaseRecipient, audience: 'staff' | 'developer' | 'operator') => {
    if (seen.has(r.email)) return
    seen.add(r.email)
    const text = (lang: Lang, part: 'subject' | 'body') => translator(lang)(`deadlines.mail.${audience}.${notice}.${part}`,
      { label: lang === 'ja' ? policy.label_ja : policy.label_en, receipt, due: formatDate(due, lang), url })
    await enqueueLocalizedMail(trx, r.email, r.locale, text, now)
    sent++
  }
  for (const r of await caseStaffRecipients(trx, timer.case_id)) await send(r, 'staff')
  if (timer.kind === 'developer_acknowledgement') {
    for (const r of await developerRecipients(trx, timer.case_id, now)) await send(r, 'developer')
  }
  if (timer.kind === 'website_long_running') {
    // The operator's members and its contacts not yet registered: a pointer to sign in, nothing about the site.
    const operators = await operatorRecipients(trx, timer.case_id, now)
    for (const r of operators) await send(r, 'operator')
    // Nobody of the operator ever joined and its invitation has run out: invite its contact again.
    if (!operators.length && await reinviteOperator(trx, config, { caseId: timer.case_id, now, createdBy: null })) sent++
  }
  return sent
}
