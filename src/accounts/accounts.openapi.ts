import { z } from 'zod'
import type { Operation } from '../platform/http/openapi-operation.js'
import { createTokenSchema, loginSchema } from './accounts.schemas.js'

/** The accounts operations of /api/v1, for the OpenAPI document. */
export const accountsOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/session', summary: 'Sign in; sets the session cookie and returns the CSRF token for cookie-authenticated writes', tag: 'accounts', body: loginSchema, auth: 'none' },
  { method: 'post', path: '/api/v1/session/second-factor', summary: 'Give the TOTP code after signing in (staff and committee)', tag: 'accounts', body: z.object({ code: z.string() }), auth: 'user' },
  { method: 'delete', path: '/api/v1/session', summary: 'Sign out', tag: 'accounts', auth: 'user' },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in user', tag: 'accounts', auth: 'user' },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create a personal API token (shown once)', tag: 'accounts', body: createTokenSchema, auth: 'user' },
]
