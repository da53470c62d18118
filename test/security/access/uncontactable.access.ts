import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each uncontactable route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const uncontactableAccess: AccessTable = {}

/** Creates what the uncontactable routes need in the matrix's world; returns route parameter values. */
export const uncontactableSeed: AccessSeed | null = null
