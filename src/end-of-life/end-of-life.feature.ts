import type { Feature } from '../cases/case-sections.js'
import { endOfLifePolicies } from './end-of-life.policies.js'
import { endOfLifeRoutes } from './end-of-life.routes.js'
import { endOfLifeMessages } from './end-of-life.messages.js'
import { endOfLifeOperations } from './end-of-life.openapi.js'
import { EndOfLifeCaseSection } from './end-of-life.case-section.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const endOfLifeFeature: Feature = {
  name: 'end-of-life',
  routes: [endOfLifeRoutes],
  messages: endOfLifeMessages,
  openapi: endOfLifeOperations,
  policies: endOfLifePolicies,
  caseSections: [{ slot: 'sections', render: EndOfLifeCaseSection }],
}
