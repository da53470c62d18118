import type { Feature } from '../cases/case-sections.js'
import { archiveRoutes } from './archive.routes.js'
import { staticExportMessages } from './static-export.messages.js'

// The feature as the composition root (src/features.ts) plugs it in: the month archive the static
// export (`npm run export`, src/static-export/export.ts) pages the advisories by.
export const staticExportFeature: Feature = {
  name: 'static-export',
  routes: [archiveRoutes],
  messages: staticExportMessages,
  // Linked from the advisory index, not the header: the header's bar holds one row at 1280 px.
}
