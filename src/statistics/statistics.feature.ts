import type { Feature } from '../cases/case-sections.js'
import { statisticsPolicies } from './statistics.policies.js'
import { isIntake } from '../policies/policies.js'
import { statisticsRoutes } from './statistics.routes.js'
import { staffReportRoutes } from './staff-report.routes.js'
import { statisticsMessages } from './statistics.messages.js'
import { statisticsOperations } from './statistics.openapi.js'
import { freezeFinishedQuarter } from './frozen-reports.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const statisticsFeature: Feature = {
  name: 'statistics',
  // the staff view first: the public router's /statistics/:quarter would take /statistics/staff
  routes: [staffReportRoutes, statisticsRoutes],
  messages: statisticsMessages,
  openapi: statisticsOperations,
  policies: statisticsPolicies,
  jobs: [{ name: 'freeze-finished-quarter', run: freezeFinishedQuarter }],
  nav: [
    { href: '/statistics', label: 'nav.statistics', group: 'portal' },
    { href: '/statistics/websites', label: 'nav.statistics_websites', group: 'websites', visible: isIntake },
    { href: '/statistics/staff', label: 'nav.statistics_staff', visible: statisticsPolicies.viewStaffReport,
      group: (u) => (isIntake(u) ? 'intake' : u?.roles.includes('coordinator') ? 'coordination' : 'admin') },
  ],
}
