import type { Feature } from '../cases/case-sections.js'
import { selfReportsPolicies } from './self-reports.policies.js'
import { isCoordinator, isIntake } from '../policies/policies.js'
import { selfReportsRoutes } from './self-reports.routes.js'
import { selfReportsMessages } from './self-reports.messages.js'
import { selfReportsOperations } from './self-reports.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const selfReportsFeature: Feature = {
  name: 'self-reports',
  routes: [selfReportsRoutes],
  messages: selfReportsMessages,
  openapi: selfReportsOperations,
  policies: selfReportsPolicies,
  nav: [{ href: '/self-reports', label: 'nav.self_reports', group: (u) => (u?.organizationKind === 'developer' ? 'mine' : isIntake(u) ? 'intake' : 'coordination'), visible: (u) => u?.organizationKind === 'developer' || isIntake(u) || isCoordinator(u) }],
}
