import type { Feature } from '../cases/case-sections.js'
import { importRoutes } from './import.routes.js'
import { importMessages } from './import.messages.js'
import { importPolicies } from './import.policies.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const importFeature: Feature = {
  name: 'import',
  routes: [importRoutes],
  messages: importMessages,
  policies: importPolicies,
  nav: [{ href: '/admin/import', label: 'import.nav', group: 'admin', visible: importPolicies.importEntries }],
}
