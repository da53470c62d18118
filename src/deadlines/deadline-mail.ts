import type { DB } from '../platform/db/database.js'
import type { Config } from '../platform/config.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { formatDate, translator, type Lang } from '../platform/i18n/index.js'
import type { Timer } from './timers.usecases.js'
import { dueDateOf } from './deadline-policies.js'
import { operatorRecipients, reinviteOperator } from '../websites/website-cases.usecases.js'

/** `locale: null`: someone without an account yet, written to in both languages like the notification itself. */
type Recipient = { email: string; locale: Lang | null }
export type Notice = 'reminder' | 'overdue'

/**
 * The staff who run the case: whoever took it (`coordinator_id`: the coordinator of a product case,
 * the intake officer who accepted a website case); while nobody has, every coordinator — or, for a
 * website case, every intake officer (coordinators never see website cases).
 */
async function staffRecipients(trx: DB, caseId: string): Promise<Recipient[]> {
  const kase = await trx.selectFrom('cases').select(['coordinator_id', 'kind']).where('id', '=', caseId).executeTakeFirstOrThrow()
  const role = kase.kind === 'website' ? 'intake' : 'coordinator'
  let q = trx.selectFrom('users').select(['email', 'locale']).where('disabled_at', 'is', null)
  q = kase.coordinator_id ? q.where('id', '=', kase.coordinator_id) : q.where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
  return q.execute()
}

/**
 * The developer organisations still to acknowledge: their members, and the contacts whose
 * invitation from the notification is still unused (they have no account to sign in with yet).
 */
async function developerRecipients(trx: DB, caseId: string, now: Date): Promise<Recipient[]> {
  const orgs = (await trx.selectFrom('case_parties').select('organization_id').where('case_id', '=', caseId)
    .where('status', '=', 'notified').execute()).map((p) => p.organization_id)
  if (!orgs.length) return []
  const members = await trx.selectFrom('users').select(['email', 'locale']).where('organization_id', 'in', orgs).where('disabled_at', 'is', null).execute()
  const invited = await trx.selectFrom('invitations').select('email').where('case_id', '=', caseId).where('organization_id', 'in', orgs)
    .where('purpose', '=', 'organization_member').where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now).execute()
  return [...members, ...invited.filter((i) => i.email).map((i) => ({ email: i.email!, locale: null }))]
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
  const send = async (r: Recipient, audience: 'staff' | 'developer' | 'operator') => {
    if (seen.has(r.email)) return
    seen.add(r.email)
    const text = (lang: Lang, part: 'subject' | 'body') => translator(lang)(`deadlines.mail.${audience}.${notice}.${part}`,
      { label: lang === 'ja' ? policy.label_ja : policy.label_en, receipt, due: formatDate(due, lang), url })
    await enqueueMail(trx, r.locale ? { to: r.email, subject: text(r.locale, 'subject'), text: text(r.locale, 'body') } : {
      to: r.email,
      subject: `${text('ja', 'subject')} / ${text('en', 'subject')}`,
      text: [text('ja', 'body'), '', '----', '', text('en', 'body')].join('\n'),
    }, now)
    sent++
  }
  for (const r of await staffRecipients(trx, timer.case_id)) await send(r, 'staff')
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
