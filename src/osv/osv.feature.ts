import type { Feature } from '../cases/case-sections.js'
import { osvRoutes } from './osv.routes.js'
import { osvMessages } from './osv.messages.js'
import { osvOperations } from './osv.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const osvFeature: Feature = {
  name: 'osv',
  routes: [osvRoutes],
  messages: osvMessages,
  openapi: osvOperations,
  // The advisory page links the record only when a product names a package: otherwise it would be a 404.
  advisoryFormats: [{ label: 'osv.format_label', type: 'application/json', links: (a) => (a.hasPackage ? [{ href: `/advisories/${a.slug}/osv.json` }] : []) }],
}
