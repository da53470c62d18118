import { expect } from 'vitest'
import type { TestApp } from '../../test/support/test-app.js'
import { apiClient, type TestUser } from '../../test/support/clients.js'

/** A complete alert as the API takes it; `overrides` replace whole fields. */
export const alertBody = (overrides: Record<string, unknown> = {}) => ({
  title: { ja: 'ウェブサイトのクロスサイト・スクリプティング対策のお願い', en: 'Please protect your website against cross-site scripting' },
  body: {
    ja: '検索フォームなどで入力をそのまま表示するウェブサイトについて、クロスサイト・スクリプティングの届出が続いています。\n\n出力時のエスケープを確認し、必要に応じて修正してください。',
    en: 'Reports of cross-site scripting keep arriving for websites that echo input, such as search forms.\n\nCheck that output is escaped and fix it where it is not.',
  },
  vulnerabilityType: 'xss',
  references: [{ title: '安全なウェブサイトの作り方', url: 'https://www.ipa.go.jp/security/vuln/websecurity/' }],
  ...overrides,
})

/** Drafts an alert through the staff API and returns its id. */
export async function draftAlert(intake: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await intake.api.post('/api/v1/staff/alerts', alertBody(overrides))
  expect(created.status, JSON.stringify(created.json)).toBe(201)
  return created.json.id as string
}

/** Drafts and publishes an alert; returns its id and public identifier (the URL slug). */
export async function publishedAlert(intake: TestUser, overrides: Record<string, unknown> = {}): Promise<{ alertId: string; identifier: string }> {
  const alertId = await draftAlert(intake, overrides)
  const published = await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`)
  expect(published.status, JSON.stringify(published.json)).toBe(200)
  return { alertId, identifier: published.json.identifier as string }
}

/** Every public surface an alert can appear on, in both languages. */
export const publicListSurfaces = ['/alerts', '/alerts?lang=en', '/rss/alerts.rdf', '/rss/alerts.rdf?lang=en', '/api/v1/alerts', '/sitemaps/pages.xml']
export const publicDetailSurfaces = (slug: string) => [`/alerts/${slug}`, `/alerts/${slug}?lang=en`, `/api/v1/alerts/${slug}`]

/** GETs a public path as an anonymous visitor. */
export async function publicGet(t: TestApp, path: string) {
  return apiClient(t).get(path)
}
