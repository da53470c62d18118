import { expect } from 'vitest'
import type { TestApp } from '../../test/support/test-app.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { apiClient, lastMailTo } from '../../test/support/clients.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'

/** A product case with a notified developer whose product's support ended on `supportEndDate`. */
export async function walkToEndOfLife(t: TestApp, supportEndDate = '2025-12-31') {
  const s = await walkToNotifiedDeveloper(t)
  const set = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate, productName: 'WR-1000', productVersion: '1.2.3 以前' })
  expect(set.status, JSON.stringify(set.json)).toBe(200)
  const finderEmail = (await t.db.selectFrom('reports').select('finder_email').where('case_id', '=', s.caseId).executeTakeFirstOrThrow()).finder_email!
  const subjects = async () => (await lastMailTo(t, finderEmail)).map((m) => m.subject)
  const tracking = async () => (await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)).json
  const caseJson = async () => (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
  return { ...s, finderEmail, subjects, tracking, caseJson }
}
export type EolStory = Awaited<ReturnType<typeof walkToEndOfLife>>

/** The rest of a complete advisory around whatever the draft already says. */
export const completeDraft = (content: Record<string, any>) => ({
  title: content.title,
  overview: content.overview.ja ? content.overview : { ja: '概要', en: 'Overview' },
  description: { ja: '管理画面に XSS があります。', en: 'The admin page is vulnerable to XSS.' },
  impact: { ja: '任意のスクリプトが実行されます。', en: 'An arbitrary script may run.' },
  solution: content.solution,
  affectedProducts: content.affectedProducts,
  vulnerabilities: [{ title: { ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' }, cweId: 'CWE-79' }],
})

/** Schedules the case's advisory a minute ahead, moves the clock past it and runs the publication job. */
export async function scheduleAndPublish(t: TestApp, s: Pick<EolStory, 'caseId' | 'coordinator'>) {
  const publishAt = new Date(t.clock.now().getTime() + 60_000)
  const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: publishAt.toISOString() })
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
  t.clock.set(new Date(publishAt.getTime() + 1000))
  await publishDueAdvisories(t.deps)
  return scheduled.json.identifier as string
}
