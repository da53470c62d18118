import type { Feature } from '../cases/case-sections.js'
import { alertsPolicies } from './alerts.policies.js'
import { isIntake } from '../policies/policies.js'
import { alertsRoutes } from './alerts.routes.js'
import { alertsMessages } from './alerts.messages.js'
import { alertsOperations } from './alerts.openapi.js'
import { nextAlertPublication } from './alerts.repository.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const alertsFeature: Feature = {
  name: 'alerts',
  routes: [alertsRoutes],
  messages: alertsMessages,
  openapi: alertsOperations,
  policies: alertsPolicies,
  nav: [
    { href: '/alerts', label: 'alerts.nav_public', group: 'portal' },
    { href: '/staff/alerts', label: 'alerts.nav_staff', group: 'websites', visible: isIntake },
  ],
  feeds: [{ href: '/rss/alerts.rdf', title: 'alerts.rss_title' }],
  // An alert dated ahead is public from its time: the page cache drops its pages then.
  publicSchedule: nextAlertPublication,
}
