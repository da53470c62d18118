import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each websites route. */
export const websitesAccess: AccessTable = {
}

export const websitesSeed: AccessSeed | null = null
