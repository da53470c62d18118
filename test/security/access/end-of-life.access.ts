import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each end-of-life route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const endOfLifeAccess: AccessTable = {}

/** Creates what the end-of-life routes need in the matrix's world; returns route parameter values. */
export const endOfLifeSeed: AccessSeed | null = null
