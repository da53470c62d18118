import { expect } from 'vitest'
import type { TestApp } from './test-app.js'
import { acceptMailedInvitation, apiClient, createUser, type ApiClient } from './clients.js'
import { productReport } from './fixtures.js'

/**
 * Walks a product case from report to a notified, registered developer — the shared first half
 * of the story — and returns everyone involved.
 */
export async function walkToNotifiedDeveloper(t: TestApp, opts: { contactEmail?: string; orgName?: string; finder?: ApiClient } = {}) {
  const intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
  const filed = await (opts.finder ?? apiClient(t)).post('/api/v1/reports', productReport({ finderEmail: `finder-${Math.random().toString(36).slice(2)}@example.test` }))
  expect(filed.status).toBe(201)
  const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
  expect((await intake.api.post(`/api/v1/cases/${caseId}/accept`, {})).json.status).toBe('accepted')
  await coordinator.api.post(`/api/v1/cases/${caseId}/take`)

  const org = await coordinator.api.post('/api/v1/organizations', { name: { ja: opts.orgName ?? 'サンプル電機株式会社', en: 'Sample Electric Co.' } })
  const contactEmail = opts.contactEmail ?? `psirt-${Math.random().toString(36).slice(2)}@sample.example`
  const contact = await coordinator.api.post(`/api/v1/organizations/${org.json.id}/contacts`, { name: 'PSIRT', email: contactEmail })
  const party = await coordinator.api.post(`/api/v1/cases/${caseId}/parties`, { organizationId: org.json.id })
  expect(party.status).toBe(201)
  const attempt = await coordinator.api.post(`/api/v1/cases/${caseId}/parties/${party.json.partyId}/contact-attempts`,
    { channel: 'email', address: contactEmail, attemptedOn: '2026-04-01', result: 'reached' })
  expect(attempt.status).toBe(201)
  const notified = await coordinator.api.post(`/api/v1/cases/${caseId}/parties/${party.json.partyId}/notify`, { contactId: contact.json.id })
  expect(notified.status).toBe(200)

  const { user: developer, browser: developerBrowser, invitationPath } = await acceptMailedInvitation(t, contactEmail, caseId, 'Dev Sato')
  return { intake, coordinator, filed: filed.json, caseId, orgId: org.json.id as string, partyId: party.json.partyId as string, developer, developerBrowser, invitationPath, contactEmail }
}
