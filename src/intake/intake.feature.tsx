import type { Feature } from '../cases/case-sections.js'
import { isIntake } from '../policies/policies.js'
import { intakeRoutes } from './intake.routes.js'
import { intakeApi } from './intake.api.js'
import { intakeMessages } from './intake.messages.js'
import { intakeOperations } from './intake.openapi.js'
import { IntakeDecisionForms } from './intake-decision.views.js'
import { TrackingLinksSection } from './tracking-links.views.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const intakeFeature: Feature = {
  name: 'intake',
  routes: [intakeRoutes, intakeApi],
  messages: intakeMessages,
  openapi: intakeOperations,
  nav: [
    { href: '/report', label: 'nav.report', group: 'portal' },
    { href: '/my/reports', label: 'nav.my_reports', group: 'mine', visible: (u) => Boolean(u && !u.organizationId && u.roles.length === 0) },
    { href: '/intake', label: 'nav.intake', group: 'intake', visible: isIntake },
  ],
  caseSections: [{
    slot: 'report',
    id: 'decision',
    actions: [{ action: 'accept', can: ({ c }) => isIntake(c.var.user) }, { action: 'reject', can: ({ c }) => isIntake(c.var.user) }],
    serves: {},
    render: ({ c, view }) => view.viewer === 'staff' && isIntake(c.var.user) && view.kase.status === 'received'
      ? <IntakeDecisionForms c={c} caseId={view.kase.id} kind={view.kase.kind} /> : null,
  }, { slot: 'report', render: TrackingLinksSection }],
}
