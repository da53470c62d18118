import type { Feature } from '../cases/case-sections.js'
import { portalRoutes } from './portal.routes.js'
import { securityTxtRoutes } from './security-txt.js'
import { sitemapRoutes } from './sitemap.js'
import { portalMessages } from './portal.messages.js'
import { portalOperations } from './portal.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const portalFeature: Feature = {
  name: 'portal',
  routes: [portalRoutes, securityTxtRoutes, sitemapRoutes],
  messages: portalMessages,
  openapi: portalOperations,
  nav: [{ href: '/advisories', label: 'nav.advisories', group: 'portal' }],
  feeds: [{ href: '/rss/advisories.rdf', title: 'portal.rss_title' }],
}
