import type { Feature } from '../cases/case-sections.js'
import type { Catalogue } from '../platform/i18n/define.js'
import type { CurrentUser } from '../platform/http/context.js'
import type { NavGroup } from '../platform/feature.js'
import { guidesPolicies } from './guides.policies.js'
import { guidesRoutes } from './guides.routes.js'
import { checklistRoutes } from './checklist.routes.js'
import { checklistAdminRoutes } from './checklist-admin.routes.js'
import { statementsRoutes } from './statements.routes.js'
import { consumerGuidesRoutes } from './consumer-guides.routes.js'
import { qrRoutes } from './qr.routes.js'
import { ratingsRoutes } from './ratings.routes.js'
import { downloadsRoutes } from './downloads.routes.js'
import { noticesRoutes } from './notices.routes.js'
import { channelsRoutes } from './channels.routes.js'
import { effectRoutes } from './effect.routes.js'
import { guidesMessages } from './guides.messages.js'
import { checklistMessages } from './checklist.messages.js'
import { consumerGuidesMessages } from './consumer-guides.messages.js'
import { outreachMessages } from './outreach.messages.js'
import { guidesOperations } from './guides.openapi.js'

/** Outreach sits in the menu of the staff member's own work: coordination, else intake, else administration. */
const outreachMenu = (u: CurrentUser | null): NavGroup => (u?.roles.includes('coordinator') ? 'coordination' : u?.roles.includes('intake') ? 'intake' : 'admin')

const catalogues: Catalogue[] = [guidesMessages, checklistMessages, consumerGuidesMessages, outreachMessages]

// The feature as the composition root (src/features.ts) plugs it in.
export const guidesFeature: Feature = {
  name: 'guides',
  routes: [guidesRoutes, checklistRoutes, checklistAdminRoutes, statementsRoutes, consumerGuidesRoutes, qrRoutes, ratingsRoutes, downloadsRoutes, noticesRoutes, channelsRoutes, effectRoutes],
  messages: { ja: Object.assign({}, ...catalogues.map((m) => m.ja)), en: Object.assign({}, ...catalogues.map((m) => m.en)) },
  openapi: guidesOperations,
  policies: guidesPolicies,
  nav: [
    { href: '/guides', label: 'nav.guides', group: 'footer' },
    { href: '/guides/statements', label: 'nav.guides_statements', group: 'mine', visible: guidesPolicies.manageStatements },
    { href: '/guides/effect', label: 'nav.guides_effect', group: outreachMenu, visible: guidesPolicies.viewEffect },
    { href: '/guides/channels', label: 'nav.guides_channels', group: outreachMenu, visible: guidesPolicies.manageChannels },
    { href: '/guides/updates/subscribers', label: 'nav.guides_subscribers', group: 'admin', visible: guidesPolicies.viewSubscribers },
  ],
  // One-click unsubscribe (RFC 8058): the mail client posts to the link itself, with no page of ours.
  secretLinkPosts: ['/guides/updates/unsubscribe/'],
}
