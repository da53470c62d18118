import type { Operation } from '../platform/http/openapi-operation.js'
import { inviteStaffSchema } from './admin.schemas.js'

/** The admin operations of /api/v1, for the OpenAPI document. */
export const adminOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/admin/outbox', summary: 'The mail outbox, secrets in links masked (administrators)', tag: 'admin', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/outbox/{id}', summary: 'One outbox mail (administrators)', tag: 'admin', auth: 'user' },
  { method: 'post', path: '/api/v1/admin/invitations', summary: 'Invite a staff member (administrators)', tag: 'admin', body: inviteStaffSchema, auth: 'user' },
]
