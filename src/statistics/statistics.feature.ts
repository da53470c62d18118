import type { Feature } from '../cases/case-sections.js'
import { statisticsPolicies } from './statistics.policies.js'
import { isIntake } from '../policies/policies.js'
import { statisticsRoutes } from './statistics.routes.js'
import { statisticsMessages } from './statistics.messages.js'
import { statisticsOperations } from './statistics.openapi.js'
import { freezeFinishedQuarter } from './frozen-reports.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const statisticsFeature: Feature = {
  name: 'statistics',
  routes: [statisticsRoutes],
  messages: statisticsMessages,
  openapi: statisticsOperations,
  policies: statisticsPolicies,
  jobs: [{ name: 'freeze-finished-quarter', run: freezeFinishedQuarter }],
  nav: [
    { href: '/statistics', label: 'nav.statistics', group: 'portal' },
    { href: '/statistics/websites', label: 'nav.statistics_websites', group: 'websites', visible: isIntake },
  ],
}
