import type { Feature } from '../cases/case-sections.js'
import { coordinationRequestsPolicies } from './coordination-requests.policies.js'
import { isCoordinator } from '../policies/policies.js'
import { coordinationRequestsRoutes } from './coordination-requests.routes.js'
import { coordinationRequestsMessages } from './coordination-requests.messages.js'
import { coordinationRequestsOperations } from './coordination-requests.openapi.js'
import { CoordinationRequestsCaseSection } from './coordination-requests.case-section.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const coordinationRequestsFeature: Feature = {
  name: 'coordination-requests',
  routes: [coordinationRequestsRoutes],
  messages: coordinationRequestsMessages,
  openapi: coordinationRequestsOperations,
  policies: coordinationRequestsPolicies,
  nav: [{ href: '/coordination-requests', label: 'nav.coordination_requests', group: 'coordination', visible: isCoordinator }],
  caseSections: [{ slot: 'report', render: CoordinationRequestsCaseSection }],
}
