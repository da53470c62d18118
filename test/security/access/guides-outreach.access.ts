import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each route of the guides: Downloads and survey, update notices, channels and the effect dashboard. */
export const guidesOutreachAccess: AccessTable = {
}

/** Objects these routes need (their route parameters' values). */
export const guidesOutreachSeed: AccessSeed = async () => ({})
