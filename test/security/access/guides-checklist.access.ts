import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each route of the guides: The developer checklist, its admin editing and public statements. */
export const guidesChecklistAccess: AccessTable = {
}

/** Objects these routes need (their route parameters' values). */
export const guidesChecklistSeed: AccessSeed = async () => ({})
