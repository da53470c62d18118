import type { Deps } from '../platform/http/context.js'
import type { Role } from '../platform/db/schema.js'
import { createInvitation } from '../accounts/index.js'
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
