import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import type { AuditState } from './admin.tables.js'

/** What an administrator did; each has its ja/en label (`admin.audit.action.*`). */
export type AuditAction =
  | 'account_deactivated' | 'account_reactivated' | 'roles_changed' | 'second_factor_reset'
  | 'invitation_created' | 'invitation_revoked'

export type AuditEntry = {
  id: string
  at: Date
  action: AuditAction
  actor: { id: string | null; email: string | null; displayName: string | null }
  subject: { id: string | null; label: string | null }
  before: AuditState | null
  after: AuditState | null
}

/**
 * Writes one entry of the audit trail, in the caller's transaction: the entry exists exactly when
 * the change it describes was committed.
 */
export async function recordAudit(trx: DB, entry: {
  at: Date; actorId: string; action: AuditAction; subjectUserId?: string | null; subjectLabel?: string | null
  before?: AuditState | null; after?: AuditState | null
}): Promise<void> {
  await trx.insertInto('audit_log').values({
    id: newId(),
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    subject_user_id: entry.subjectUserId ?? null,
    subject_label: entry.subjectLabel ?? null,
    before: entry.before ? JSON.stringify(entry.before) : null,
    after: entry.after ? JSON.stringify(entry.after) : null,
  }).execute()
}

/** The audit trail, newest first, with the acting administrator's name as it is now. */
export async function listAudit(db: DB, query: { offset: number; limit: number }): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.actor_id', 'audit_log.subject_user_id', 'audit_log.subject_label',
      'audit_log.before', 'audit_log.after', 'actor.email as actor_email', 'actor.display_name as actor_name'])
    .orderBy('audit_log.at', 'desc').orderBy('audit_log.seq', 'desc')
    .offset(query.offset).limit(query.limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action as AuditAction,
    actor: { id: r.actor_id, email: r.actor_email ?? null, displayName: r.actor_name ?? null },
    subject: { id: r.subject_user_id, label: r.subject_label },
    before: parseState(r.before),
    after: parseState(r.after),
  }))
}

// PGlite and node-postgres both hand jsonb back parsed; a string is parsed for safety.
const parseState = (v: unknown): AuditState | null => (typeof v === 'string' ? JSON.parse(v) as AuditState : (v as AuditState | null))
