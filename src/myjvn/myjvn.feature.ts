import type { Feature } from '../cases/case-sections.js'
import { myjvnRoutes } from './myjvn.routes.js'
import { myjvnMessages } from './myjvn.messages.js'
import { myjvnBMessages } from './myjvn.b.messages.js'
import { jvndbFeedLinks, jvndbFeedRoutes } from './jvndb-feeds.js'
import { vuldefFormats } from './vuldef-formats.js'

// The MyJVN-compatible API as the composition root (src/features.ts) plugs it in.
export const myjvnFeature: Feature = {
  name: 'myjvn',
  routes: [myjvnRoutes, jvndbFeedRoutes],
  feeds: jvndbFeedLinks,
  // The real API takes its query as a form POST too; it only reads public entries.
  readOnlyPosts: ['/myjvn'],
  advisoryFormats: vuldefFormats,
  messages: { ja: { ...myjvnMessages.ja, ...myjvnBMessages.ja }, en: { ...myjvnMessages.en, ...myjvnBMessages.en } },
}
