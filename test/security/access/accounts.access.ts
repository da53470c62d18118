import { createApiToken } from '../../../src/accounts/sessions.js'
import { hashSecret, newId, newSecret } from '../../../src/platform/secrets.js'
import { createUser } from '../../support/clients.js'
import { ALL, SIGNED_IN, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/**
 * Accounts an administrator can run, forgotten passwords, API tokens (issue 9). The account the
 * administrator changes is one of its own (`accountId`), so the matrix's people keep working; the
 * token revoked is a second one of `finder`'s, not the one the matrix signs in with.
 */
export const accountsAccess: AccessTable = {
  'GET /password/forgot': ALL, 'POST /password/forgot': ALL,
  // the reset link is a bearer secret, as the tracking link is
  'GET /password/reset/:resetSecret': ALL, 'POST /password/reset/:resetSecret': ALL,
  'GET /api/v1/tokens': SIGNED_IN,
  // one's own tokens only: another account's is not found
  'POST /account/tokens/:tokenId/revoke': ['finder'], 'DELETE /api/v1/tokens/:tokenId': ['finder'],
  'POST /admin/users/:accountId/deactivate': ['admin'], 'POST /admin/users/:accountId/reactivate': ['admin'],
  'POST /admin/users/:accountId/roles': ['admin'], 'POST /admin/users/:accountId/second-factor/reset': ['admin'],
  'GET /admin/audit': ['admin'],
  'GET /api/v1/admin/users': ['admin'], 'GET /api/v1/admin/users/:accountId': ['admin'],
  'POST /api/v1/admin/users/:accountId/deactivation': ['admin'], 'POST /api/v1/admin/users/:accountId/reactivation': ['admin'],
  'PUT /api/v1/admin/users/:accountId/roles': ['admin'], 'DELETE /api/v1/admin/users/:accountId/second-factor': ['admin'],
  'GET /api/v1/admin/audit': ['admin'],
}

export const accountsSeed: AccessSeed = async ({ t, users }) => {
  const account = await createUser(t, { roles: ['coordinator'], name: 'Managed account' })
  const { id: tokenId } = await createApiToken(t.db, users.finder!.id, 'second token')
  // An open reset link of an account nobody changes (the managed one is deactivated on the way), valid long past the matrix's clock.
  const forgetful = await createUser(t, { name: 'Forgetful finder' })
  const resetSecret = newSecret()
  await t.db.insertInto('password_resets').values({
    id: newId(), user_id: forgetful.id, token_hash: hashSecret(resetSecret), created_at: t.clock.now(), expires_at: new Date(t.clock.now().getTime() + 365 * 86400_000),
  }).execute()
  return { accountId: account.id, tokenId, resetSecret }
}
