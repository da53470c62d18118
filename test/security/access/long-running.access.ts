import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each long-running route: intake staff only (coordinators never see website cases). */
export const longRunningAccess: AccessTable = {
  'GET /websites/long-running': ['intake'],
  'POST /websites/long-running/reminders': ['intake'],
  'GET /api/v1/websites/long-running': ['intake'],
  'POST /api/v1/websites/long-running/reminders': ['intake'],
}

/** The routes take no parameters; the world's website case is all they need. */
export const longRunningSeed: AccessSeed | null = null
