import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each deadlines route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const deadlinesAccess: AccessTable = {}

/** Creates what the deadlines routes need in the matrix's world; returns route parameter values. */
export const deadlinesSeed: AccessSeed | null = null
