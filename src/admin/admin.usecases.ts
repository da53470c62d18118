import { sql } from 'kysely'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import type { Role } from '../platform/db/schema.js'
import { AppError, errors } from '../platform/errors.js'
import { createInvitation, endSessionsOf, forgetSecondFactor, isEnrolled } from '../accounts/index.js'
import { recordAudit } from './audit.js'
import { revokeStaffInvitation } from './admin.repository.js'
import { enqueueMail, type OutgoingMail } from '../platform/mail/outbox.js'
import { formatDateTime, translator } from '../platform/i18n/index.js'
import type { InviteStaffInput } from './admin.schemas.js'

export const STAFF_INVITATION_DAYS = 14

/**
 * Invites a staff member: creates a single-use staff invitation with the given roles and, when an
 * address is given, queues the link as mail in the same transaction. Returns the full link, which
 * the caller shows once; only its hash is stored.
 */
export async function inviteStaff(deps: Deps, input: InviteStaffInput & { createdBy: string }): Promise<{ id: string; url: string; expiresAt: Date; mailed: boolean }> {
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + STAFF_INVITATION_DAYS * 86400_000)
  return deps.db.transaction().execute(async (trx) => {
    const { id, path } = await createInvitation(trx, {
      purpose: 'staff', now, email: input.email ?? null, roles: input.roles, createdBy: input.createdBy, validDays: STAFF_INVITATION_DAYS,
    })
    const url = `${deps.config.publicUrl}${path}`
    if (input.email) await enqueueMail(trx, invitationMail(input.email, input.roles, url, expiresAt), now)
    await recordAudit(trx, { at: now, actorId: input.createdBy, action: 'invitation_created', subjectLabel: input.email ?? null,
      after: { roles: [...input.roles].sort(), email: input.email ?? null, invitation: id } })
    return { id, url, expiresAt, mailed: Boolean(input.email) }
  })
}

/** The invitee's language is unknown, so the mail is bilingual: Japanese first, then English. */
function invitationMail(to: string, roles: Role[], url: string, expiresAt: Date): OutgoingMail {
  const parts = (['ja', 'en'] as const).map((lang) => {
    const t = translator(lang)
    const body = t('admin.mail.invitation.body', { roles: roles.map((r) => t(`role.${r}`)).join(', '), date: formatDateTime(expiresAt, lang) })
    return [body, '', url, '', t('admin.mail.invitation.ignore')].join('\n')
  })
  return { to, subject: translator('ja')('admin.mail.invitation.subject'), text: parts.join('\n\n----------\n\n') }
}

// ---- running accounts: deactivate, reactivate, roles, a lost second factor ----

export const adminErrors = {
  /** The change would leave no active administrator: nobody could run the accounts any more. */
  lastAdmin: () => new AppError('admin.last_admin', 409, 'This would leave no active administrator. Make another administrator first.'),
}

type AccountRow = { id: string; email: string; roles: Role[]; disabled_at: Date | null }

/** The account, locked for the change, with every active administrator locked too (two admins cannot demote each other at once). */
async function lockAccount(trx: DB, userId: string): Promise<AccountRow> {
  await trx.selectFrom('users').select('id').where(sql<boolean>`'admin' = any(roles)`).where('disabled_at', 'is', null).forUpdate().execute()
  const row = await trx.selectFrom('users').select(['id', 'email', 'roles', 'disabled_at']).where('id', '=', userId).forUpdate().executeTakeFirst()
  if (!row) throw errors.notFound()
  return row
}

async function otherActiveAdmins(trx: DB, userId: string): Promise<number> {
  const row = await trx.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<boolean>`'admin' = any(roles)`).where('disabled_at', 'is', null).where('id', '<>', userId).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Deactivates an account: its sessions end and its API tokens are revoked at once (the next
 * request is refused), and it cannot sign in or ask for a password reset. The last active
 * administrator cannot be deactivated.
 */
export async function deactivateAccount(deps: Deps, actorId: string, userId: string): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const user = await lockAccount(trx, userId)
    if (user.disabled_at) return
    if (user.roles.includes('admin') && (await otherActiveAdmins(trx, userId)) === 0) throw adminErrors.lastAdmin()
    await trx.updateTable('users').set({ disabled_at: now }).where('id', '=', userId).execute()
    await endSessionsOf(trx, userId)
    const revoked = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst()
    await recordAudit(trx, { at: now, actorId, action: 'account_deactivated', subjectUserId: userId, subjectLabel: user.email,
      before: { active: true }, after: { active: false, tokensRevoked: String(Number(revoked.numUpdatedRows)) } })
  })
}

/** Lets a deactivated account sign in again (its old sessions and tokens stay ended). */
export async function reactivateAccount(deps: Deps, actorId: string, userId: string): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const user = await lockAccount(trx, userId)
    if (!user.disabled_at) return
    await trx.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).execute()
    await recordAudit(trx, { at: now, actorId, action: 'account_reactivated', subjectUserId: userId, subjectLabel: user.email, before: { active: false }, after: { active: true } })
  })
}

/**
 * Gives the account exactly these roles. Taking the administrator role from the last active
 * administrator is refused. A first staff role asks for a second factor at once: a session that
 * signed in without one is half signed in from its next request (sessions.ts) and enrols then.
 */
export async function changeRoles(deps: Deps, actorId: string, userId: string, roles: Role[]): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const user = await lockAccount(trx, userId)
    const before = [...user.roles].sort()
    const after = [...new Set(roles)].sort()
    if (before.join() === after.join()) return
    if (before.includes('admin') && !after.includes('admin') && !user.disabled_at && (await otherActiveAdmins(trx, userId)) === 0) throw adminErrors.lastAdmin()
    await trx.updateTable('users').set({ roles: after }).where('id', '=', userId).execute()
    await recordAudit(trx, { at: now, actorId, action: 'roles_changed', subjectUserId: userId, subjectLabel: user.email, before: { roles: before }, after: { roles: after } })
  })
}

/**
 * For someone who lost their authenticator app and recovery codes: forgets the TOTP secret and
 * the recovery codes and ends the account's sessions. Staff enrol a new app at their next sign-in,
 * as at their first; others sign in with the password alone until they turn it on again.
 */
export async function resetSecondFactor(deps: Deps, actorId: string, userId: string): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const user = await lockAccount(trx, userId)
    const enrolled = await isEnrolled(trx, userId)
    await forgetSecondFactor(trx, userId)
    await endSessionsOf(trx, userId)
    await recordAudit(trx, { at: now, actorId, action: 'second_factor_reset', subjectUserId: userId, subjectLabel: user.email,
      before: { secondFactor: enrolled }, after: { secondFactor: false } })
  })
}

/** Revokes an open staff invitation, recorded in the audit trail; false when there was none to revoke. */
export async function revokeInvitation(deps: Deps, actorId: string, invitationId: string): Promise<boolean> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const inv = await trx.selectFrom('invitations').select(['email', 'roles']).where('id', '=', invitationId).executeTakeFirst()
    if (!inv || !(await revokeStaffInvitation(trx, invitationId, now))) return false
    await recordAudit(trx, { at: now, actorId, action: 'invitation_revoked', subjectLabel: inv.email,
      before: { roles: [...inv.roles].sort(), email: inv.email, invitation: invitationId }, after: { revoked: true } })
    return true
  })
}
