import { expect } from 'vitest'
import type { TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, type ApiClient } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'

export type Attempt = { channel: 'email' | 'web_form' | 'phone' | 'postal' | 'other'; attemptedOn: string; result: 'no_answer' | 'bounced' | 'reached' | 'refused' }

/** Three unanswered attempts from 2026-04-01: with the default policy, declarable from 2026-04-15. */
export const UNANSWERED: Attempt[] = [
  { channel: 'email', attemptedOn: '2026-04-01', result: 'no_answer' },
  { channel: 'phone', attemptedOn: '2026-04-03', result: 'no_answer' },
  { channel: 'postal', attemptedOn: '2026-04-08', result: 'bounced' },
]

/**
 * Test data for this feature and the committee's: a product case, accepted and taken, whose
 * developer (registered with a contact) has not answered `attempts`. Everything goes through the API.
 */
export async function walkToUnansweredDeveloper(t: TestApp, opts: { attempts?: Attempt[]; report?: Record<string, unknown>; orgName?: { ja: string; en: string }; finder?: ApiClient } = {}) {
  const intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
  const filed = await (opts.finder ?? apiClient(t)).post('/api/v1/reports', productReport({ finderEmail: `finder-${Math.random().toString(36).slice(2)}@example.test`, ...opts.report }))
  expect(filed.status, filed.text).toBe(201)
  const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
  expect((await intake.api.post(`/api/v1/cases/${caseId}/accept`, {})).status).toBe(200)
  await coordinator.api.post(`/api/v1/cases/${caseId}/take`)
  const names = opts.orgName ?? { ja: '音信不通電機株式会社', en: 'Silent Electric Co.' }
  const org = await coordinator.api.post('/api/v1/organizations', { name: names })
  const contactEmail = `psirt-${Math.random().toString(36).slice(2)}@silent.example`
  const contact = await coordinator.api.post(`/api/v1/organizations/${org.json.id}/contacts`, { name: 'PSIRT', email: contactEmail })
  const party = await coordinator.api.post(`/api/v1/cases/${caseId}/parties`, { organizationId: org.json.id })
  expect(party.status).toBe(201)
  for (const a of opts.attempts ?? UNANSWERED) {
    const r = await coordinator.api.post(`/api/v1/cases/${caseId}/parties/${party.json.partyId}/contact-attempts`, { ...a, address: a.channel === 'email' ? contactEmail : '03-0000-0000' })
    expect(r.status, r.text).toBe(201)
  }
  return {
    intake, coordinator, caseId, orgId: org.json.id as string, contactId: contact.json.id as string, contactEmail,
    partyId: party.json.partyId as string, receipt: filed.json.receiptNumber as string,
  }
}
export type UnansweredCase = Awaited<ReturnType<typeof walkToUnansweredDeveloper>>

/** Declares the developer of `s` uncontactable through the API (the clock must be past the span). */
export async function declareThroughApi(s: UnansweredCase, reason = 'メール・電話・郵送いずれも応答なし') {
  const r = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/uncontactable`, { reason })
  expect(r.status, r.text).toBe(201)
  return r.json as { listingId: string; caseStatus: string }
}

/** A member of the public sends a tip about `listingId` through the API; returns the stored tip's id. */
export async function sendTipThroughApi(t: TestApp, listingId: string, tip: { name?: string; email?: string; message?: string } = {}) {
  const ids = async () => (await t.db.selectFrom('uncontactable_tips').select('id').where('listing_id', '=', listingId).execute()).map((r) => r.id)
  const before = new Set(await ids())
  const r = await apiClient(t).post(`/api/v1/uncontactable/${listingId}/tips`, { name: '通りすがり', email: 'passer@example.test', message: '広報部が窓口です', ...tip })
  expect(r.status, r.text).toBe(201)
  return (await ids()).find((id) => !before.has(id))!
}
