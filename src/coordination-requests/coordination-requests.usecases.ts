import { sql } from 'kysely'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { appendEvent, type Actor } from '../cases/case-events.js'
import { scoreVulnerabilities, writeVulnerabilities } from '../advisories/index.js'
import { coordinationRequestErrors } from './coordination-requests.errors.js'
import type { CoordinationRequestInput } from './coordination-requests.schemas.js'

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505'

async function findCaseByReference(db: DB, sourceName: string, reference: string) {
  return db.selectFrom('cases').select('id')
    .where(sql<string>`lower(source_name)`, '=', sourceName.toLowerCase()).where('source_reference', '=', reference)
    .executeTakeFirst()
}

/**
 * Opens a product case from an overseas CSIRT's or vendor's coordination request (source
 * 'overseas', published as JVNVU#). The case starts accepted — the request itself is the intake —
 * with the requesting coordinator in charge; the case row, the request, its vulnerabilities (CVSS
 * scored) and the `coordination_request_received` event are written in one transaction. The same
 * source and reference cannot open a second case (`coordination_requests.duplicate_reference`).
 */
export async function openCoordinationRequest(deps: Deps, input: { request: CoordinationRequestInput; actor: Actor }): Promise<{ caseId: string }> {
  const { request: r, actor } = input
  const scored = scoreVulnerabilities(r.vulnerabilities)
  const caseId = newId()
  try {
    await deps.db.transaction().execute(async (trx) => {
      const existing = await findCaseByReference(trx, r.sourceName, r.sourceReference)
      if (existing) throw coordinationRequestErrors.duplicateReference(existing.id)
      const now = deps.clock.now()
      await trx.insertInto('cases').values({
        id: caseId, kind: 'product', status: 'accepted', source: 'overseas', title: r.title, product_type: r.productType ?? null,
        source_name: r.sourceName, source_reference: r.sourceReference, coordinator_id: actor.user?.id ?? null,
        accepted_at: now, created_at: now, updated_at: now,
      }).execute()
      await trx.insertInto('coordination_requests').values({
        case_id: caseId, received_on: r.receivedOn, summary: r.summary, agreed_publication_at: r.agreedPublicationAt ?? null,
        created_by: actor.user!.id, created_at: now,
      }).execute()
      await writeVulnerabilities(trx, caseId, scored)
      await appendEvent(trx, {
        caseId, type: 'coordination_request_received', actor, at: now, to: 'accepted',
        data: {
          sourceName: r.sourceName, sourceReference: r.sourceReference, receivedOn: r.receivedOn,
          agreedPublicationAt: r.agreedPublicationAt?.toISOString() ?? null, vulnerabilities: scored.length,
        },
      })
    })
  } catch (e) {
    // Two coordinators entering the same request at once: the unique index decides.
    if (isUniqueViolation(e)) {
      const existing = await findCaseByReference(deps.db, r.sourceName, r.sourceReference)
      if (existing) throw coordinationRequestErrors.duplicateReference(existing.id)
    }
    throw e
  }
  return { caseId }
}

/** The request behind an overseas case, or undefined for other cases. */
export async function loadCoordinationRequest(db: DB, caseId: string) {
  return db.selectFrom('coordination_requests').innerJoin('cases', 'cases.id', 'coordination_requests.case_id')
    .select(['coordination_requests.case_id', 'coordination_requests.received_on', 'coordination_requests.summary',
      'coordination_requests.agreed_publication_at', 'cases.source_name', 'cases.source_reference'])
    .where('coordination_requests.case_id', '=', caseId).executeTakeFirst()
}

/** Every coordination request, newest first, with how far each case's vendors have got. */
export async function listCoordinationRequests(db: DB) {
  return db.selectFrom('coordination_requests').innerJoin('cases', 'cases.id', 'coordination_requests.case_id')
    .select((eb) => [
      'cases.id', 'cases.title', 'cases.status', 'cases.source_name', 'cases.source_reference',
      'coordination_requests.received_on', 'coordination_requests.agreed_publication_at',
      eb.selectFrom('case_parties').select((e) => e.fn.countAll<string>().as('n')).whereRef('case_parties.case_id', '=', 'cases.id').as('vendors'),
      eb.selectFrom('case_parties').select((e) => e.fn.countAll<string>().as('n')).whereRef('case_parties.case_id', '=', 'cases.id')
        .where('case_parties.notified_at', 'is not', null).as('notified'),
      eb.selectFrom('case_parties').select((e) => e.fn.countAll<string>().as('n')).whereRef('case_parties.case_id', '=', 'cases.id')
        .where('case_parties.response', 'is not', null).as('answered'),
    ])
    .orderBy('coordination_requests.received_on', 'desc').orderBy('cases.created_at', 'desc').limit(500).execute()
}
export type CoordinationRequestRow = Awaited<ReturnType<typeof listCoordinationRequests>>[number]
