import type { Feature } from '../cases/case-sections.js'
import { websitesPolicies } from './websites.policies.js'
import { longRunningPolicies } from './long-running.policies.js'
import { isIntake } from '../policies/policies.js'
import { websitesRoutes } from './websites.routes.js'
import { longRunningRoutes } from './long-running.routes.js'
import { websitesMessages } from './websites.messages.js'
import { longRunningMessages } from './long-running.messages.js'
import { websitesOperations } from './websites.openapi.js'
import { longRunningOperations } from './long-running.openapi.js'
import { WebsiteCaseSection, WebsiteReportDetailsList } from './website.case-section.js'
import type { WebsiteReportDetails } from './websites.schemas.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const websitesFeature: Feature = {
  name: 'websites',
  routes: [websitesRoutes, longRunningRoutes],
  messages: { ja: { ...websitesMessages.ja, ...longRunningMessages.ja }, en: { ...websitesMessages.en, ...longRunningMessages.en } },
  openapi: [...websitesOperations, ...longRunningOperations],
  policies: { ...websitesPolicies, ...longRunningPolicies },
  nav: [
    { href: '/websites', label: 'nav.websites', group: 'websites', visible: isIntake },
    { href: '/websites/long-running', label: 'nav.long_running', group: 'websites', visible: isIntake },
  ],
  caseSections: [{
    slot: 'parties', id: 'website-flow', render: WebsiteCaseSection,
    actions: ['notify_operator', 'remind_operator', 'report_fix', 'close_not_vulnerable', 'close_stalled', 'resume_handling']
      .map((action) => ({ action, can: ({ c, view }) => websitesPolicies.runWebsiteFlow(c.var.user, view.relation) })),
  }],
  reportDetails: [{ kind: 'website', render: ({ c, details }) => <WebsiteReportDetailsList c={c} details={details as unknown as WebsiteReportDetails} /> }],
}
