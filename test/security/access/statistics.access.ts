import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each statistics route. */
export const statisticsAccess: AccessTable = {
}

export const statisticsSeed: AccessSeed | null = null
