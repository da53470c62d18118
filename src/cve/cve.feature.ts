import type { Feature } from '../cases/case-sections.js'
import { cvePolicies } from './cve.policies.js'
import { cveRoutes } from './cve.routes.js'
import { cveMessages } from './cve.messages.js'
import { cveOperations } from './cve.openapi.js'
import { CveCaseSection } from './cve.case-section.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const cveFeature: Feature = {
  name: 'cve',
  routes: [cveRoutes],
  messages: cveMessages,
  openapi: cveOperations,
  policies: cvePolicies,
  nav: [{ href: '/cve-ids', label: 'nav.cve_ids', group: (u) => (u?.roles.includes('coordinator') ? 'coordination' : 'admin'), visible: cvePolicies.manageCveIdPool }],
  caseSections: [{ slot: 'advisory', id: 'cve-ids', render: CveCaseSection }],
  // One download per CVE of the advisory, from its public page.
  advisoryFormats: [{ label: 'cve.format_label', type: 'application/json', links: (a) => (a.own ? a.cveIds.map((id) => ({ href: `/advisories/${a.slug}/cve/${id}.json`, text: id })) : []) }],
}
