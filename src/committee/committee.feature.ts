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
  nav: [{ href: '/committee', label: 'nav.committee', group: 'committee', visible: (u) => hasRole(u, 'committee') || hasRole(u, 'coordinator') }],
  caseSections: [{
    slot: 'parties', id: 'committee', render: CommitteeCaseSection,
    actions: [{ action: 'refer_to_committee', can: ({ c, view }) => committeePolicies.referToCommittee(c.var.user, view.relation) }],
    // Referrals stay readable (closed) once the case has moved on.
    serves: { states: ['committee_review'], idle: 'collapsed', title: 'committee.section_title' },
  }],
}
