import type { AdvisoryRef, Feature } from '../cases/case-sections.js'
import { csafFilename } from './csaf-document.js'
import { WHITE } from './csaf-files.js'
import { csafRoutes } from './csaf.routes.js'
import { csafMessages } from './csaf.messages.js'

/** Where a public advisory's CSAF document is: its tracking id is the identifier, its folder the UTC year of publication. */
const documentPath = (a: AdvisoryRef) => `${WHITE}/${a.publishedAt.getUTCFullYear()}/${csafFilename(a.identifier)}`

// The feature as the composition root (src/features.ts) plugs it in.
export const csafFeature: Feature = {
  name: 'csaf',
  routes: [csafRoutes],
  messages: csafMessages,
  advisoryFormats: [{ label: 'csaf.format_label', type: 'application/json', links: (a) => (a.own ? [{ href: documentPath(a) }] : []) }],
}
