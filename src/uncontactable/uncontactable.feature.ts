import type { Feature } from '../cases/case-sections.js'
import { uncontactablePolicies } from './uncontactable.policies.js'
import { uncontactableRoutes } from './uncontactable.routes.js'
import { uncontactableMessages } from './uncontactable.messages.js'
import { uncontactableOperations } from './uncontactable.openapi.js'
import { UncontactableCaseSection } from './uncontactable.case-section.js'
import { recordDueListingDetails } from './listing-details.job.js'
import { recordCommitteePublishedListings } from './listing-ended.job.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const uncontactableFeature: Feature = {
  name: 'uncontactable',
  routes: [uncontactableRoutes],
  messages: uncontactableMessages,
  openapi: uncontactableOperations,
  policies: uncontactablePolicies,
  jobs: [{ name: 'record-due-listing-details', run: recordDueListingDetails }, { name: 'record-committee-published-listings', run: recordCommitteePublishedListings }],
  nav: [{ href: '/uncontactable', label: 'nav.uncontactable', group: 'portal' }],
  caseSections: [{
    slot: 'parties', id: 'uncontactable', render: UncontactableCaseSection,
    actions: ['declare_uncontactable', 'resume_coordination'].map((action) => ({ action, can: ({ c, view }) => uncontactablePolicies.declareUncontactable(c.var.user, view.relation) })),
  }],
}
