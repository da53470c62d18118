import { expect } from 'vitest'
import { ALL, type AccessTable, type Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'

const INTAKE: Actor[] = ['intake']

/**
 * Who may call each alerts route, and the portal's sitemap and robots.txt. Published alerts are
 * public; everything else about alerts — drafts, revisions, the website cases an alert covers —
 * is intake staff's. `:alertId` is a draft (the matrix's intake call to /publish publishes it,
 * which is why the later closure call answers 200 with nothing to close); `:alertSlug` is a
 * published alert. The seed covers no case, so the matrix never closes the world's website case.
 */
export const alertsAccess: AccessTable = {
  // the public portal
  'GET /alerts': ALL, 'GET /alerts/:alertSlug': ALL, 'GET /rss/alerts.rdf': ALL,
  'GET /api/v1/alerts': ALL, 'GET /api/v1/alerts/:alertSlug': ALL,
  'GET /sitemap.xml': ALL, 'GET /sitemaps/:sitemapFile': ALL, 'GET /robots.txt': ALL,
  // the month archive (src/static-export): public, like the index (the world's month holds a public advisory)
  'GET /archive': ALL, 'GET /archive/:archiveMonth': ALL,
  // intake staff's pages
  'GET /staff/alerts': INTAKE, 'GET /staff/alerts/new': INTAKE, 'POST /staff/alerts': INTAKE,
  'GET /staff/alerts/:alertId': INTAKE, 'POST /staff/alerts/:alertId': INTAKE,
  'POST /staff/alerts/:alertId/publish': INTAKE, 'POST /staff/alerts/:alertId/revisions': INTAKE,
  'GET /staff/alerts/:alertId/cases': INTAKE, 'POST /staff/alerts/:alertId/cases': INTAKE,
  'POST /staff/alerts/:alertId/cases/removal': INTAKE, 'POST /staff/alerts/:alertId/closure': INTAKE,
  // intake staff's API
  'GET /api/v1/staff/alerts': INTAKE, 'POST /api/v1/staff/alerts': INTAKE,
  'GET /api/v1/staff/alerts/:alertId': INTAKE, 'PUT /api/v1/staff/alerts/:alertId': INTAKE,
  'POST /api/v1/staff/alerts/:alertId/publish': INTAKE, 'POST /api/v1/staff/alerts/:alertId/revisions': INTAKE,
  'GET /api/v1/staff/alerts/:alertId/candidates': INTAKE, 'POST /api/v1/staff/alerts/:alertId/cases': INTAKE,
  'POST /api/v1/staff/alerts/:alertId/cases/removal': INTAKE, 'POST /api/v1/staff/alerts/:alertId/closure': INTAKE,
}

const alert = (title: string) => ({
  title: { ja: title, en: title },
  body: { ja: '本文', en: 'Body' },
  vulnerabilityType: 'xss',
})

/** One published alert (its identifier fills `:alertSlug`) and one draft (its id fills `:alertId`). */
export const alertsSeed: AccessSeed | null = async ({ users }) => {
  const intake = users.intake!
  const published = await intake.api.post('/api/v1/staff/alerts', alert('行列試験の注意喚起'))
  expect(published.status, JSON.stringify(published.json)).toBe(201)
  const publication = await intake.api.post(`/api/v1/staff/alerts/${published.json.id}/publish`)
  expect(publication.status, JSON.stringify(publication.json)).toBe(200)
  const draft = await intake.api.post('/api/v1/staff/alerts', alert('行列試験の下書き'))
  expect(draft.status, JSON.stringify(draft.json)).toBe(201)
  return { alertId: draft.json.id as string, alertSlug: publication.json.identifier as string, sitemapFile: 'pages.xml', archiveMonth: '2026-04' }
}
