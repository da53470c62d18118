import { z } from 'zod'
import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { newId } from '../platform/secrets.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { translator, type Lang } from '../platform/i18n/index.js'
import { appendEvent, type Actor } from './case-events.js'

/**
 * A case has two kinds of thread, each private to its parties: the developer thread of one
 * developer organisation (coordinators ⇄ that organisation) and the finder thread of one report
 * (staff ⇄ that finder). Who may read or post is decided by the policies; this module only stores.
 */
export type ThreadRef = { caseId: string; thread: 'developer'; partyId: string } | { caseId: string; thread: 'finder'; reportId: string }

export const messageSchema = z.object({ body: z.string().trim().min(1).max(20_000) })

export async function listMessages(db: DB, ref: ThreadRef) {
  let q = db.selectFrom('messages').select(['id', 'author_label', 'author_user_id', 'body', 'created_at'])
    .where('case_id', '=', ref.caseId).where('thread', '=', ref.thread)
  q = ref.thread === 'developer' ? q.where('party_id', '=', ref.partyId) : q.where('report_id', '=', ref.reportId)
  return q.orderBy('created_at').orderBy('id').execute()
}

/**
 * Posts a message and tells the other side by mail (a pointer only; the text stays in keikai).
 * `notify` lists the addresses of the other side, resolved by the caller.
 */
export async function postMessage(deps: Deps, input: { ref: ThreadRef; actor: Actor; body: string; notify: { to: string; lang: Lang; url: string }[] }) {
  const now = deps.clock.now()
  const id = newId()
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('messages').values({
      id, case_id: input.ref.caseId, thread: input.ref.thread,
      party_id: input.ref.thread === 'developer' ? input.ref.partyId : null,
      report_id: input.ref.thread === 'finder' ? input.ref.reportId : null,
      author_user_id: input.actor.user?.id ?? null, author_label: input.actor.label, body: input.body, created_at: now,
    }).execute()
    await appendEvent(trx, {
      caseId: input.ref.caseId, type: 'message_posted', actor: input.actor, at: now,
      data: { thread: input.ref.thread, messageId: id, ...(input.ref.thread === 'developer' ? { partyId: input.ref.partyId } : { reportId: input.ref.reportId }) },
    })
    for (const n of input.notify) {
      const t = translator(n.lang)
      await enqueueMail(trx, { to: n.to, subject: t('cases.mail.new_message.subject'), text: t('cases.mail.new_message.body', { url: n.url }) }, now)
    }
  })
  return { id }
}
