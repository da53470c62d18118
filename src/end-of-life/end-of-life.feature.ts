import type { Feature } from '../cases/case-sections.js'
import { endOfLifePolicies } from './end-of-life.policies.js'
import { endOfLifeRoutes } from './end-of-life.routes.js'
import { endOfLifeMessages } from './end-of-life.messages.js'
import { endOfLifeOperations } from './end-of-life.openapi.js'
import { DuplicateCaseSection, EndingsCaseSection, EndOfLifeCaseSection } from './end-of-life.case-section.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const endOfLifeFeature: Feature = {
  name: 'end-of-life',
  routes: [endOfLifeRoutes],
  messages: endOfLifeMessages,
  openapi: endOfLifeOperations,
  policies: endOfLifePolicies,
  caseSections: [
    { slot: 'report', render: DuplicateCaseSection },
    { slot: 'parties', id: 'end-of-life', render: EndOfLifeCaseSection },
    {
      slot: 'parties', id: 'endings', render: EndingsCaseSection,
      actions: (['handle_individually', 'close_low_impact'] as const).map((action) => ({ action, can: ({ c, view }) => endOfLifePolicies.endCase(c.var.user, view.relation) })),
      serves: { states: ['handled_individually', 'closed_low_impact'] },
    },
  ],
}
