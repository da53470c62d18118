import type { Feature } from '../cases/case-sections.js'
import { myjvnRoutes } from './myjvn.routes.js'
import { myjvnMessages } from './myjvn.messages.js'

// The MyJVN-compatible API as the composition root (src/features.ts) plugs it in.
export const myjvnFeature: Feature = {
  name: 'myjvn',
  routes: [myjvnRoutes],
  messages: myjvnMessages,
}
