import type { Feature } from '../cases/case-sections.js'
import { Csrf } from '../platform/http/layout.js'
import { isCoordinator, isIntake } from '../policies/policies.js'
import { organizationRoutes } from './organizations.routes.js'
import { coordinationApi } from './coordination.api.js'
import { coordinationRoutes } from './coordination.routes.js'
import { coordinationMessages } from './coordination.messages.js'
import { coordinationOperations } from './coordination.openapi.js'
import { ClassificationForm } from './classification.views.js'
import { CasePartiesSection } from './parties.views.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const coordinationFeature: Feature = {
  name: 'coordination',
  routes: [organizationRoutes, coordinationApi, coordinationRoutes],
  messages: coordinationMessages,
  openapi: coordinationOperations,
  nav: [
    { href: '/coordination', label: 'nav.coordination', group: 'coordination', visible: isCoordinator },
    { href: '/organizations', label: 'nav.organizations', group: 'coordination', visible: isCoordinator },
    { href: '/my/cases', label: 'nav.my_cases', group: 'mine', visible: (u) => u?.organizationKind === 'developer' || u?.organizationKind === 'operator' },
  ],
  caseSections: [
    {
      slot: 'summary',
      render: ({ c, view: { viewer, kase: k } }) => viewer === 'staff' && isCoordinator(c.var.user) && k.kind === 'product' && !k.coordinator_id && !['received', 'not_accepted'].includes(k.status)
        ? <form method="post" action={`/cases/${k.id}/take`} class="inline"><Csrf c={c} /><button type="submit">{c.var.t('cases.take')}</button></form> : null,
    },
    {
      slot: 'report',
      render: ({ c, view: { viewer, kase: k } }) => viewer === 'staff' && k.kind === 'product' && k.status !== 'not_accepted' && (isCoordinator(c.var.user) || isIntake(c.var.user))
        ? <ClassificationForm c={c} caseId={k.id} productType={k.product_type} cause={k.cause} /> : null,
    },
    {
      slot: 'parties', id: 'parties', render: CasePartiesSection,
      actions: [{ action: 'start_contacting', can: ({ c }) => isCoordinator(c.var.user) }, { action: 'notify_developer', can: ({ c }) => isCoordinator(c.var.user) }],
    },
  ],
}
