import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each committee route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const committeeAccess: AccessTable = {}

/** Creates what the committee routes need in the matrix's world; returns route parameter values. */
export const committeeSeed: AccessSeed | null = null
