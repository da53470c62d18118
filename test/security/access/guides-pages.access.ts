import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each route of the guides: Consumer guides, QR codes and ratings. */
export const guidesPagesAccess: AccessTable = {
}

/** Objects these routes need (their route parameters' values). */
export const guidesPagesSeed: AccessSeed = async () => ({})
