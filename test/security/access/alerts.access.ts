import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each alerts route. */
export const alertsAccess: AccessTable = {
}

export const alertsSeed: AccessSeed | null = null
