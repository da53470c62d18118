import type { Feature } from '../cases/case-sections.js'
import { priorityInformationPolicies } from './priority-information.policies.js'
import { isCoordinator } from '../policies/policies.js'
import { priorityInformationRoutes } from './priority-information.routes.js'
import { priorityInformationMessages } from './priority-information.messages.js'
import { priorityInformationOperations } from './priority-information.openapi.js'
import { PriorityInformationCaseSection } from './priority-information.case-section.js'
import { notifyDueProvisions } from './provision-notices.job.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const priorityInformationFeature: Feature = {
  name: 'priority-information',
  routes: [priorityInformationRoutes],
  messages: priorityInformationMessages,
  openapi: priorityInformationOperations,
  policies: priorityInformationPolicies,
  jobs: [{ name: 'notify-due-priority-information', run: notifyDueProvisions }],
  nav: [{ href: '/priority-information', label: 'nav.priority_information', group: (u) => (isCoordinator(u) ? 'coordination' : 'mine'), visible: (u) => isCoordinator(u) || u?.organizationKind === 'critical_infrastructure' }],
  caseSections: [{ slot: 'advisory', render: PriorityInformationCaseSection }],
}
