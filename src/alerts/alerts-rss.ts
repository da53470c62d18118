import type { Lang } from '../platform/i18n/index.js'
import { pick } from '../advisories/index.js'
import { jstDateTime, rdfFeed, xml } from '../portal/index.js'
import type { PublicAlert } from './public-alert.js'

/** The feed's description of an item: the start of the body, on one line. */
export function summary(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function itemXml(a: PublicAlert, lang: Lang, baseUrl: string): string {
  const link = baseUrl + a.path
  return `
  <item rdf:about="${xml(link)}">
    <title>${xml(pick(a.title, lang))}</title>
    <link>${xml(link)}</link>
    <description>${xml(summary(pick(a.body, lang)))}</description>
    <dc:identifier>${xml(a.identifier)}</dc:identifier>
    <dc:date>${jstDateTime(a.modifiedAt)}</dc:date>
    <dcterms:issued>${jstDateTime(a.publishedAt)}</dcterms:issued>
    <dcterms:modified>${jstDateTime(a.modifiedAt)}</dcterms:modified>
  </item>`
}

/**
 * An RSS 1.0 (RDF) feed of published alerts with the dc and dcterms vocabularies, built like the
 * advisories feed (src/portal/rss.ts) and with its escaping: every value passes through `xml()`.
 * Only the alert's own text goes in — never anything about the website cases it covers.
 */
export function alertsRss(input: { items: PublicAlert[]; lang: Lang; baseUrl: string; now: Date; title: string; description: string }): string {
  const { items, lang, baseUrl } = input
  const latest = items.reduce<Date>((max, a) => (a.modifiedAt > max ? a.modifiedAt : max), items[0]?.modifiedAt ?? input.now)
  return rdfFeed({
    about: `${baseUrl}/rss/alerts.rdf`, link: `${baseUrl}/alerts`, title: input.title, description: input.description, lang, latest,
    itemUris: items.map((a) => baseUrl + a.path), itemsXml: items.map((a) => itemXml(a, lang, baseUrl)).join(''),
  })
}
