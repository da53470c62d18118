import type { Feature } from '../cases/case-sections.js'
import { isAdmin } from '../policies/policies.js'
import { adminRoutes } from './admin.routes.js'
import { adminMessages } from './admin.messages.js'
import { adminOperations } from './admin.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const adminFeature: Feature = {
  name: 'admin',
  routes: [adminRoutes],
  messages: adminMessages,
  openapi: adminOperations,
  nav: [{ href: '/admin', label: 'nav.admin', group: 'admin', visible: isAdmin }],
}
