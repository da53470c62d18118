import { expect } from 'vitest'
import type { TestApp } from './test-app.js'
import { acceptMailedInvitation, apiClient, createUser, type ApiClient, type TestUser } from './clients.js'
import { websiteReport } from './fixtures.js'

/** Files a website report through the public API and returns its case. */
export async function fileWebsiteReport(t: TestApp, overrides: Record<string, unknown> = {}, finder?: ApiClient) {
  const filed = await (finder ?? apiClient(t)).post('/api/v1/reports/website', websiteReport({ finderEmail: `wf-${Math.random().toString(36).slice(2)}@example.test`, ...overrides }))
  expect(filed.status, JSON.stringify(filed.json)).toBe(201)
  const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
  return { caseId, receiptNumber: filed.json.receiptNumber as string, trackingToken: filed.json.trackingToken as string, reportId: filed.json.reportId as string }
}

/** Registers a website operator organisation with one contact. */
export async function registerOperator(intake: TestUser, opts: { nameJa?: string; nameEn?: string; orgType?: string; contactEmail?: string } = {}) {
  const org = await intake.api.post('/api/v1/operators', { name: { ja: opts.nameJa ?? 'サンプル市', en: opts.nameEn ?? 'Sample City' }, orgType: opts.orgType ?? 'local_government' })
  expect(org.status, JSON.stringify(org.json)).toBe(201)
  const contactEmail = opts.contactEmail ?? `web-${Math.random().toString(36).slice(2)}@city.sample.example`
  const contact = await intake.api.post(`/api/v1/operators/${org.json.id}/contacts`, { name: '情報政策課', email: contactEmail })
  expect(contact.status, JSON.stringify(contact.json)).toBe(201)
  return { orgId: org.json.id as string, contactId: contact.json.id as string, contactEmail }
}

/**
 * Walks a website case from report to a notified operator that registered from its invitation —
 * the shared first half of every website ending — and returns everyone involved.
 */
export async function walkToNotifiedOperator(t: TestApp, opts: {
  finder?: ApiClient; intake?: TestUser; vulnerabilityType?: string; impact?: string; orgType?: string; report?: Record<string, unknown>
} = {}) {
  const intake = opts.intake ?? await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  const filed = await fileWebsiteReport(t, { ...(opts.vulnerabilityType ? { vulnerabilityType: opts.vulnerabilityType } : {}), ...(opts.impact ? { impact: opts.impact } : {}), ...opts.report }, opts.finder)
  const accepted = await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, {})
  expect(accepted.json?.status, JSON.stringify(accepted.json)).toBe('accepted')
  const op = await registerOperator(intake, { orgType: opts.orgType })
  const notified = await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })
  expect(notified.status, JSON.stringify(notified.json)).toBe(200)

  const { user: operator, browser: operatorBrowser } = await acceptMailedInvitation(t, op.contactEmail, filed.caseId, 'Web Tanaka')
  return { intake, caseId: filed.caseId, filed, orgId: op.orgId, partyId: notified.json.partyId as string, operator, operatorBrowser, contactEmail: op.contactEmail }
}
