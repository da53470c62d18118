import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each coordination-requests route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const coordinationRequestsAccess: AccessTable = {}

/** Creates what the coordination-requests routes need in the matrix's world; returns route parameter values. */
export const coordinationRequestsSeed: AccessSeed | null = null
