import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { claimTry, forgetFailures } from './sign-in-throttle.js'
import { accountErrors } from './accounts.errors.js'
import { countAdmins, findUserByEmail, insertUser } from './accounts.repository.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { needsSecondFactor } from './second-factor.js'
import { consumeInvitation, createInvitation, findOpenInvitation } from './invitations.js'
import type { AcceptInvitationInput, RegisterInput } from './accounts.schemas.js'

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined

/**
 * Checks e-mail and password; returns the user id or throws `accounts.bad_credentials`. An address
 * with too many recent failures waits first (`accounts.sign_in_throttled`, 429, see
 * sign-in-throttle.ts) without its password being checked. The second factor is asked of staff
 * and of every account that turned it on.
 */
export async function logIn(db: DB, input: { email: string; password: string }, now: Date): Promise<{ userId: string; secondFactorRequired: boolean }> {
  const waiting = await claimTry(db, input.email, now)
  if (waiting > 0) throw accountErrors.signInThrottled(Math.ceil(waiting / 1000))
  const user = await findUserByEmail(db, input.email)
  dummyHash ??= hashPassword('keikai-timing-equaliser')
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password)
  if (!user || !ok) throw accountErrors.badCredentials() // counted by claimTry
  await forgetFailures(db, input.email)
  // Said only to whoever gave the right password, so it tells a stranger nothing.
  if (user.disabled_at) throw accountErrors.accountDeactivated()
  return { userId: user.id, secondFactorRequired: needsSecondFactor(user.roles) || Boolean(user.totp_secret) }
}

/** A finder creates an account to follow all their reports in one place. */
export async function registerFinder(db: DB, input: RegisterInput): Promise<{ userId: string }> {
  if (await findUserByEmail(db, input.email)) throw accountErrors.emailTaken()
  const id = newId()
  await insertUser(db, { id, email: input.email, displayName: input.displayName, passwordHash: await hashPassword(input.password), locale: input.locale })
  return { userId: id }
}

/**
 * Creates an account from an invitation: a developer's member joins its organisation, staff get
 * their roles, the first administrator becomes admin. The invitation is used up in the same transaction.
 */
export async function acceptInvitation(db: DB, input: AcceptInvitationInput & { secret: string; now: Date }): Promise<{ userId: string; caseId: string | null; secondFactorRequired: boolean }> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    const inv = await findOpenInvitation(trx, input.secret, input.now)
    if (inv.email && inv.email !== input.email) throw accountErrors.invitationInvalid()
    if (await findUserByEmail(trx, input.email)) throw accountErrors.emailTaken()
    const id = newId()
    const roles = inv.purpose === 'first_admin' ? (['admin'] as const) : inv.roles
    await insertUser(trx, {
      id,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      roles: [...roles],
      organizationId: inv.organization_id,
    })
    await consumeInvitation(trx, inv.id, id, input.now)
    return { userId: id, caseId: inv.case_id, secondFactorRequired: needsSecondFactor(roles) }
  })
}

/**
 * On a database without an administrator, makes a one-time link to create the first one.
 * Returns the link path, or null when an administrator exists.
 */
export async function ensureFirstAdminInvitation(db: DB, now: Date): Promise<string | null> {
  if ((await countAdmins(db)) > 0) return null
  await db.updateTable('invitations').set({ revoked_at: now })
    .where('purpose', '=', 'first_admin').where('used_at', 'is', null).where('revoked_at', 'is', null).execute()
  const { path } = await createInvitation(db, { purpose: 'first_admin', now, validDays: 1 })
  return path
}

/** The account finished signing in (password, and the second factor where asked): shown to administrators. */
export async function recordSignIn(db: DB, userId: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).execute()
}
