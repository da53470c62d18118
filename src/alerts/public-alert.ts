import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import type { AlertRecord, AlertRevision } from './alerts.repository.js'
import type { AlertReference } from './alerts.tables.js'
import { categoryLabel } from '../cases/categories.js'

type Localized = { ja: string; en: string }

/**
 * What the public may know of an alert — the one shape behind the portal pages, the feed, the
 * API and the sitemap: the alert's own text and dates. Internal ids and, above all, anything about
 * the website cases it covers are left out on purpose (DESIGN §5): not the cases, not their count.
 */
export type PublicAlert = {
  identifier: string
  path: string
  title: Localized
  body: Localized
  vulnerabilityType: string | null
  references: AlertReference[]
  publishedAt: Date
  modifiedAt: Date
  revisions: Array<{ revisedAt: Date; note: Localized }>
}

export const alertPath = (identifier: string) => `/alerts/${identifier}`

/** A published alert for the public; `latestRevision` stands in for the history in lists. */
export function presentAlert(a: AlertRecord, revisions: AlertRevision[] = [], latestRevision?: Date): PublicAlert {
  if (!a.identifier || !a.publishedAt) throw new Error('Only a published alert has a public shape.')
  const lastRevised = revisions.at(-1)?.revisedAt ?? latestRevision ?? null
  return {
    identifier: a.identifier,
    path: alertPath(a.identifier),
    title: a.title,
    body: a.body,
    vulnerabilityType: a.vulnerabilityType,
    references: a.references,
    publishedAt: a.publishedAt,
    modifiedAt: lastRevised && lastRevised > a.publishedAt ? lastRevised : a.publishedAt,
    revisions: revisions.map((r) => ({ revisedAt: r.revisedAt, note: r.note })),
  }
}

const typeJson = (key: string | null) => (key
  ? { key, label: { ja: categoryLabel(WEBSITE_VULNERABILITY_TYPES, key, 'ja'), en: categoryLabel(WEBSITE_VULNERABILITY_TYPES, key, 'en') } }
  : null)

/** The public API's list entry: identity, dates, title, type. */
export function alertSummaryJson(p: PublicAlert, baseUrl: string) {
  return {
    identifier: p.identifier,
    url: baseUrl + p.path,
    publishedAt: p.publishedAt.toISOString(),
    modifiedAt: p.modifiedAt.toISOString(),
    title: p.title,
    vulnerabilityType: typeJson(p.vulnerabilityType),
  }
}

/** The public API's JSON for one alert: both languages, ISO dates, the revision history. */
export function alertJson(p: PublicAlert, baseUrl: string) {
  return {
    ...alertSummaryJson(p, baseUrl),
    body: p.body,
    references: p.references,
    revisions: p.revisions.map((r) => ({ revisedAt: r.revisedAt.toISOString(), note: r.note })),
  }
}
