import type { Feature } from '../cases/case-sections.js'
import { csafRoutes } from './csaf.routes.js'
import { csafMessages } from './csaf.messages.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const csafFeature: Feature = {
  name: 'csaf',
  routes: [csafRoutes],
  messages: csafMessages,
}
