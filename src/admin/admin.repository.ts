import { redactSecretLinks } from '../platform/mail/outbox.js'
import type { DB } from '../platform/db/database.js'
import type { Role } from '../platform/db/schema.js'

export type MailStatus = 'pending' | 'sent' | 'failed'

/** One outbox row as administrators see it in lists and in the API. */
export type OutboxEntry = {
  id: string
  to: string
  subject: string
  status: MailStatus
  attempts: number
  createdAt: Date
  sentAt: Date | null
  nextAttemptAt: Date | null
  lastError: string | null
}

export type OutboxMail = OutboxEntry & { text: string }

export type AccountSummary = {
  id: string
  email: string
  displayName: string
  roles: Role[]
  organizationNameJa: string | null
  organizationNameEn: string | null
  disabled: boolean
  createdAt: Date
  /** When the account last finished signing in; null: never since this was recorded. */
  lastSignInAt: Date | null
  /** Whether an authenticator app is set up (an administrator can reset it). */
  secondFactor: boolean
}

export type OpenInvitation = { id: string; email: string | null; roles: Role[]; createdAt: Date; expiresAt: Date }

/** Newest first; `limit + 1` rows are read so the caller knows whether an older page exists. */
type OutboxRow = {
  id: string; to_address: string; subject: string; status: MailStatus; attempts: number
  created_at: Date; sent_at: Date | null; next_attempt_at: Date; last_error: string | null
}

function toOutboxEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    // Only pending mail has a meaningful next attempt.
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastError: r.last_error,
  }
}

export async function listOutbox(db: DB, query: { status?: MailStatus; offset: number; limit: number }): Promise<OutboxEntry[]> {
  let q = db.selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'next_attempt_at', 'last_error'])
  if (query.status) q = q.where('status', '=', query.status)
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').offset(query.offset).limit(query.limit).execute()
  return rows.map(toOutboxEntry)
}

export async function findOutboxMail(db: DB, id: string): Promise<OutboxMail | undefined> {
  const r = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r) return undefined
  return { ...toOutboxEntry(r), text: redactSecretLinks(r.body_text) }
}

/** Every account, oldest first, with its organisation's name. */
export async function listAccounts(db: DB, query: { offset: number; limit: number; id?: string }): Promise<AccountSummary[]> {
  const rows = await db.selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.roles', 'users.disabled_at', 'users.created_at',
      'users.last_sign_in_at', 'users.totp_secret', 'organizations.name_ja', 'organizations.name_en'])
    .$if(query.id !== undefined, (q) => q.where('users.id', '=', query.id!))
    .orderBy('users.created_at').orderBy('users.id')
    .offset(query.offset).limit(query.limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    organizationNameJa: r.name_ja ?? null,
    organizationNameEn: r.name_en ?? null,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    secondFactor: r.totp_secret !== null,
  }))
}

/** Staff invitations that can still be used: not used, not revoked, not expired. */
export async function listOpenStaffInvitations(db: DB, now: Date): Promise<OpenInvitation[]> {
  const rows = await db.selectFrom('invitations')
    .select(['id', 'email', 'roles', 'created_at', 'expires_at'])
    .where('purpose', '=', 'staff').where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, email: r.email, roles: r.roles, createdAt: r.created_at, expiresAt: r.expires_at }))
}

/** Revokes an open staff invitation; returns false when there was none to revoke. */
export async function revokeStaffInvitation(db: DB, id: string, now: Date): Promise<boolean> {
  const res = await db.updateTable('invitations').set({ revoked_at: now })
    .where('id', '=', id).where('purpose', '=', 'staff').where('used_at', 'is', null).where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** One account as the administrator's list shows it. */
export async function findAccount(db: DB, id: string): Promise<AccountSummary | undefined> {
  return (await listAccounts(db, { offset: 0, limit: 1, id }))[0]
}
