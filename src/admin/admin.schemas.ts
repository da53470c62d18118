import { z } from 'zod'
import type { Role } from '../platform/db/schema.js'
import { blankToUndefined } from '../platform/http/validate.js'

export const STAFF_ROLES = ['intake', 'coordinator', 'committee', 'admin'] as const satisfies readonly Role[]

// A single checked box arrives as a string, several as an array, none as nothing.
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Inviting staff: at least one role, and optionally the only address allowed to register. */
export const inviteStaffSchema = z.object({
  roles: z.preprocess(asList, z.array(z.enum(STAFF_ROLES)).min(1, 'validation.choose_at_least_one').max(STAFF_ROLES.length))
    .transform((roles) => [...new Set(roles)]),
  email: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email().max(254).optional()),
})
export type InviteStaffInput = z.infer<typeof inviteStaffSchema>

/** An account's roles, exactly: none of them leaves a finder's (or an organisation member's) account. */
export const rolesSchema = z.object({
  roles: z.preprocess(asList, z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length)).transform((roles) => [...new Set(roles)]),
})
/** The same through the API, where `roles` must be given (an empty list takes every role away). */
export const apiRolesSchema = z.object({
  roles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length).transform((roles) => [...new Set(roles)]),
})

export const outboxQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(['pending', 'sent', 'failed']).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
})

export const pageQuerySchema = z.object({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
})
