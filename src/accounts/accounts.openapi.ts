import { z } from 'zod'
import type { Operation } from '../platform/http/openapi-operation.js'
import { array, boolean, id, integer, itemsOf, literal, named, nullable, object, string, timestamp } from '../platform/http/openapi-schema.js'
import { createTokenSchema, loginSchema } from './accounts.schemas.js'

const signedIn = object({ userId: id, csrfToken: string({ description: 'Send as X-CSRF-Token with cookie-authenticated writes' }), secondFactorRequired: boolean() })
const me = named('Me', object({ id, email: string(), displayName: string(), roles: array(string()), organizationId: nullable(id) }))
const secondFactorState = object({ enabled: boolean(), required: boolean(), recoveryCodesLeft: integer({ minimum: 0 }) })
const recoveryCodes = array(string(), { description: 'Single-use recovery codes, shown only this once' })
const tokenSummary = object({ id, name: string(), createdAt: timestamp, lastUsedAt: nullable(timestamp), expiresAt: nullable(timestamp), expired: boolean() })

/** The accounts operations of /api/v1, for the OpenAPI document. */
export const accountsOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/session', summary: 'Sign in; sets the session cookie and returns the CSRF token for cookie-authenticated writes. After five failures for an address each further one makes the next try wait (1 minute doubling to 15): 429 accounts.sign_in_throttled with Retry-After', tag: 'accounts', body: loginSchema, auth: 'none', response: { status: 200, schema: signedIn } },
  { method: 'post', path: '/api/v1/session/second-factor', summary: 'Give the TOTP code, or a recovery code, after signing in (staff and committee, and every account that turned it on). Wrong codes back off per account as wrong passwords do: 429 with Retry-After', tag: 'accounts', body: z.object({ code: z.string() }), auth: 'user', response: { status: 200, schema: object({ secondFactorDone: literal(true) }) } },
  { method: 'delete', path: '/api/v1/session', summary: 'Sign out', tag: 'accounts', auth: 'user', response: { status: 204, description: 'Signed out; the session cookie is cleared' } },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in user', tag: 'accounts', auth: 'user', response: { status: 200, schema: me } },
  { method: 'get', path: '/api/v1/account/second-factor', summary: 'Whether two-factor authentication (TOTP) is on for the account, whether it is required (staff and committee), and how many recovery codes are unused', tag: 'accounts', auth: 'user', response: { status: 200, schema: secondFactorState } },
  { method: 'post', path: '/api/v1/account/second-factor', summary: 'Start turning two-factor authentication on: returns the secret and otpauth:// link for an authenticator app', tag: 'accounts', auth: 'user', response: { status: 200, schema: object({ secret: string({ description: 'Base32 TOTP secret' }), uri: string({ description: 'otpauth:// link, also shown as a QR code at /account' }) }) } },
  { method: 'post', path: '/api/v1/account/second-factor/confirmation', summary: 'Confirm with a code from the app: two-factor authentication is on from now; the answer carries ten single-use recovery codes, shown only this once', tag: 'accounts', body: z.object({ code: z.string() }), auth: 'user', response: { status: 200, schema: object({ enabled: literal(true), recoveryCodes }) } },
  { method: 'post', path: '/api/v1/account/second-factor/recovery-codes', summary: 'New recovery codes (password and a current code); the old ones stop working, the new ones are shown only this once', tag: 'accounts', body: z.object({ password: z.string(), code: z.string() }), auth: 'user', response: { status: 201, schema: object({ recoveryCodes }) } },
  { method: 'delete', path: '/api/v1/account/second-factor', summary: 'Turn two-factor authentication off (password and a current code; not for staff)', tag: 'accounts', body: z.object({ password: z.string(), code: z.string() }), auth: 'user', response: { status: 200, schema: object({ enabled: literal(false) }) } },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create a personal API token (shown once); optionally with expiresAt (ISO 8601 with offset, in the future), after which it is refused with 401 auth.token_expired', tag: 'accounts', body: createTokenSchema, auth: 'user', response: { status: 201, schema: object({ id, token: string({ description: 'The secret, shown only this once' }), expiresAt: nullable(timestamp) }) } },
  { method: 'get', path: '/api/v1/tokens', summary: 'The account\'s API tokens that are not revoked: name, created, last used (written at most once a minute), expires, expired; never the secret', tag: 'accounts', auth: 'user', response: { status: 200, schema: itemsOf(tokenSummary) } },
  { method: 'delete', path: '/api/v1/tokens/{tokenId}', summary: 'Revoke one of the account\'s API tokens: refused from the next request on (404 accounts.token_not_found for another account\'s)', tag: 'accounts', auth: 'user', response: { status: 204, description: 'Revoked' } },
]
