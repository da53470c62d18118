import { expect } from 'vitest'
import { NONE, type AccessTable, type Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'

const MANAGERS: Actor[] = ['coordinator', 'admin']
const LISTERS: Actor[] = ['coordinator', 'ciOperator', 'otherCiOperator']

/**
 * Who may call each priority-information route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in).
 *
 * In the matrix's world the advisory publishes 2026-06-01T01:00Z and is provided to ciOperator's
 * organisation 5 business days earlier (2026-05-25 00:00 JST); the clock says 2026-04-01. So the
 * recipient routes of the provision are NONE here: before its time even the recipient gets 404.
 * The open provision (recipient 200 after accepting the terms, others still 404) is covered by
 * src/priority-information/priority-information.provision.test.ts, which moves the clock.
 */
export const priorityInformationAccess: AccessTable = {
  // the list: coordinators see every provision, critical-infrastructure members only what is open to them (nothing yet)
  'GET /priority-information': LISTERS, 'GET /api/v1/priority-information/provisions': LISTERS,
  'GET /priority-information/stats': ['coordinator'], 'GET /api/v1/priority-information/stats': ['coordinator'],
  // critical-infrastructure organisations, contacts, member invitations
  'GET /priority-information/organizations': MANAGERS, 'GET /priority-information/organizations/new': MANAGERS,
  'POST /priority-information/organizations': MANAGERS, 'GET /priority-information/organizations/:ciOrgId': MANAGERS,
  'POST /priority-information/organizations/:ciOrgId/contacts': MANAGERS, 'POST /priority-information/organizations/:ciOrgId/invitations': MANAGERS,
  'GET /api/v1/priority-information/organizations': MANAGERS, 'POST /api/v1/priority-information/organizations': MANAGERS,
  'GET /api/v1/priority-information/organizations/:ciOrgId': MANAGERS,
  'POST /api/v1/priority-information/organizations/:ciOrgId/contacts': MANAGERS,
  'POST /api/v1/priority-information/organizations/:ciOrgId/invitations': MANAGERS,
  // marking the case's advisory
  'POST /cases/:caseId/priority-information': ['coordinator'],
  'GET /api/v1/cases/:caseId/priority-information': ['coordinator'], 'PUT /api/v1/cases/:caseId/priority-information': ['coordinator'],
  // one provision: coordinators see its record; the recipient (ciOperator) only from the provision time — NONE at matrix time
  'GET /priority-information/provisions/:provisionId': ['coordinator'],
  'GET /api/v1/priority-information/provisions/:provisionId': ['coordinator'],
  'POST /priority-information/provisions/:provisionId/accept': NONE,
  'POST /api/v1/priority-information/provisions/:provisionId/acceptance': NONE,
}

/** Puts ciOperator's organisation in sector 'electricity' and marks the world's advisory for provision to it. */
export const priorityInformationSeed: AccessSeed | null = async (world) => {
  await world.t.db.updateTable('organizations').set({ sector: 'electricity' }).where('id', '=', world.ciOrgId).execute()
  await world.t.db.updateTable('organizations').set({ sector: 'telecommunications' }).where('id', '=', world.otherCiOrgId).execute()
  const marked = await world.users.coordinator!.api.put(`/api/v1/cases/${world.caseId}/priority-information`, { sectors: [], organizationIds: [world.ciOrgId] })
  expect(marked.status, JSON.stringify(marked.json)).toBe(200)
  return { provisionId: marked.json.provision.id as string, ciOrgId: world.ciOrgId }
}
