import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { hashSecret, newSecret } from '../platform/secrets.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { appendEvent, type Actor } from '../cases/case-events.js'
import { finderMail } from '../cases/finder-mail.js'

/**
 * A report's tracking link (DESIGN §5: the anonymous finder's only key to the report, which can be
 * replaced and revoked). The link's secret is stored only hashed, so replacing it means a new
 * secret; revoking means a hash of a secret nobody was given.
 */
type ReportRef = { caseId: string; reportId: string }

async function reportOfCase(db: Deps['db'], ref: ReportRef) {
  const r = await db.selectFrom('reports').select(['id', 'case_id', 'receipt_number', 'finder_email', 'locale', 'tracking_revoked_at'])
    .where('id', '=', ref.reportId).where('case_id', '=', ref.caseId).executeTakeFirst()
  if (!r) throw errors.notFound()
  return r
}

/**
 * A new link for the report; the old one stops working at once (404). `by` says who asked: the
 * finder holding the old link, or staff reissuing a revoked or lost one. The finder is mailed the
 * new link when the report has an address (encrypted at delivery when they gave a key); the event
 * `tracking_link_replaced` is on the case's timeline for staff. Returns the new secret, which the
 * caller shows once.
 */
export async function replaceTrackingLink(deps: Deps, ref: ReportRef & { actor: Actor; by: 'finder' | 'staff' }): Promise<{ secret: string; mailed: boolean }> {
  const secret = newSecret()
  const now = deps.clock.now()
  const mailed = await deps.db.transaction().execute(async (trx) => {
    const r = await reportOfCase(trx, ref)
    await trx.updateTable('reports').set({ tracking_token_hash: hashSecret(secret), tracking_revoked_at: null }).where('id', '=', r.id).execute()
    await appendEvent(trx, { caseId: r.case_id, type: 'tracking_link_replaced', actor: ref.actor, at: now, data: { reportId: r.id, by: ref.by } })
    if (!r.finder_email) return false
    await enqueueMail(trx, finderMail(deps.config, r.locale, 'tracking_replaced', {
      to: r.finder_email, receipt: r.receipt_number, trackingUrl: `${deps.config.publicUrl}/track/${secret}`,
    }), now)
    return true
  })
  return { secret, mailed }
}

/** Staff revoke a report's link (leaked, sent to the wrong person): it answers 404 from now until one is reissued. */
export async function revokeTrackingLink(deps: Deps, ref: ReportRef & { actor: Actor }): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const r = await reportOfCase(trx, ref)
    await trx.updateTable('reports').set({ tracking_token_hash: hashSecret(newSecret()), tracking_revoked_at: now }).where('id', '=', r.id).execute()
    await appendEvent(trx, { caseId: r.case_id, type: 'tracking_link_revoked', actor: ref.actor, at: now, data: { reportId: r.id } })
  })
}

/** The reports of a case with the state of their links, for the staff section. */
export async function trackingLinksOfCase(db: Deps['db'], caseId: string) {
  return db.selectFrom('reports').select(['id', 'receipt_number', 'finder_name', 'finder_email', 'tracking_revoked_at'])
    .where('case_id', '=', caseId).orderBy('submitted_at').orderBy('id').execute()
}
