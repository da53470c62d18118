import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each priority-information route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const priorityInformationAccess: AccessTable = {}

/** Creates what the priority-information routes need in the matrix's world; returns route parameter values. */
export const priorityInformationSeed: AccessSeed | null = null
