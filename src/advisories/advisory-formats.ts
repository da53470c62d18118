import { advisoryFormats, type AdvisoryFormat } from '../cases/case-sections.js'
import { advisoryRef, type PublicAdvisory } from './public-advisory.js'

/** One format of an advisory with its links resolved: what the page lists and the head announces. */
export type ResolvedFormat = { label: string; type: string; links: Array<{ href: string; text?: string }> }

/**
 * The machine-readable forms every installed feature offers for this public advisory, those with
 * no link for it left out. Empty for an advisory that is not public yet (a coordinator's preview):
 * its formats would only answer 404.
 */
export function formatsOf(p: PublicAdvisory): ResolvedFormat[] {
  if (!p.identifier || !p.publishedAt) return []
  const ref = advisoryRef({ ...p, identifier: p.identifier, publishedAt: p.publishedAt })
  return advisoryFormats()
    .map((f) => ({ label: f.label, type: f.type, links: f.links(ref) }))
    .filter((f) => f.links.length > 0)
}

/** The public JSON API's record, the format the advisories feature itself serves. */
export const apiJsonFormat: AdvisoryFormat = {
  label: 'advisories.format.api_json',
  type: 'application/json',
  links: (a) => [{ href: `/api/v1/advisories/${encodeURIComponent(a.identifier)}` }],
}
