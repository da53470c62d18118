import type { Feature } from '../cases/case-sections.js'
import { deadlinesPolicies } from './deadlines.policies.js'
import { isCoordinator, isIntake } from '../policies/policies.js'
import { deadlinesRoutes } from './deadlines.routes.js'
import { deadlinesMessages } from './deadlines.messages.js'
import { deadlinesOperations } from './deadlines.openapi.js'
import { DeadlinesCaseSection, DeadlinesSummaryFacts } from './deadlines.case-section.js'
import { runDeadlineJobs } from './deadline-jobs.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const deadlinesFeature: Feature = {
  name: 'deadlines',
  routes: [deadlinesRoutes],
  messages: deadlinesMessages,
  openapi: deadlinesOperations,
  policies: deadlinesPolicies,
  jobs: [{ name: 'deadlines', run: runDeadlineJobs }],
  nav: [{ href: '/deadlines', label: 'nav.deadlines', group: (u) => (isCoordinator(u) ? 'coordination' : 'intake'), visible: (u) => isIntake(u) || isCoordinator(u) }],
  caseSections: [{ slot: 'facts', render: DeadlinesSummaryFacts }, { slot: 'deadlines', render: DeadlinesCaseSection }],
}
