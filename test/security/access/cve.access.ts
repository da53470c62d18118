import type { AccessTable, Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'

const POOL: Actor[] = ['coordinator', 'admin']

/**
 * Who may call each CVE route. The records are public, but the matrix's advisory is scheduled for
 * later, so they answer 404 to everyone here (NONE, like the advisory page itself); the public
 * record is covered by test/security/cve-never-public.test.ts, which moves the clock. The pool of
 * reserved IDs is for coordinators and administrators; giving an ID to a case's vulnerability is
 * its coordinators' drafting work (the matrix's pool is empty, so theirs answers 409).
 */
export const cveAccess: AccessTable = {
  'GET /advisories/:slug/cve/:cveFile': [], 'GET /api/v1/advisories/:identifier/cve/:cveId': [],
  'GET /cve-ids': POOL, 'POST /cve-ids': POOL, 'GET /api/v1/cve-ids': POOL, 'POST /api/v1/cve-ids': POOL,
  'POST /cases/:caseId/cve-ids': ['coordinator'], 'POST /api/v1/cases/:caseId/cve-ids': ['coordinator'],
}

/** The record routes' CVE: any well-formed one does — the matrix's advisory is not public, so every answer is 404 whatever it names. */
export const cveSeed: AccessSeed = async () => ({ cveFile: 'CVE-2026-10001.json', cveId: 'CVE-2026-10001' })
