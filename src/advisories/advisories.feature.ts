import type { Feature } from '../cases/case-sections.js'
import { advisoriesRoutes } from './advisories.routes.js'
import { advisoriesMessages } from './advisories.messages.js'
import { advisoriesOperations } from './advisories.openapi.js'
import { nextScheduledPublication, publishDueAdvisories } from './publication.usecases.js'
import { apiJsonFormat } from './advisory-formats.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const advisoriesFeature: Feature = {
  name: 'advisories',
  routes: [advisoriesRoutes],
  messages: advisoriesMessages,
  openapi: advisoriesOperations,
  // First in every tick, so that mail queued by a publication goes out in the same tick.
  jobs: [{ name: 'publish-due-advisories', run: publishDueAdvisories }],
  advisoryFormats: [apiJsonFormat],
  // A scheduled advisory is public from its publication second: the page cache drops its pages then.
  publicSchedule: nextScheduledPublication,
}
