import type { Feature } from '../cases/case-sections.js'
import { committeePolicies } from './committee.policies.js'
import { hasRole } from '../policies/policies.js'
import { committeeRoutes } from './committee.routes.js'
import { committeeMessages } from './committee.messages.js'
import { committeeOperations } from './committee.openapi.js'
import { CommitteeCaseSection } from './committee.case-section.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const committeeFeature: Feature = {
  name: 'committee',
  routes: [committeeRoutes],
  messages: committeeMessages,
  openapi: committeeOperations,
  policies: committeePolicies,
  nav: [{ href: '/committee', label: 'nav.committee', area: 'workspace', visible: (u) => hasRole(u, 'committee') || hasRole(u, 'coordinator') }],
  caseSections: [{ slot: 'sections', render: CommitteeCaseSection }],
}
