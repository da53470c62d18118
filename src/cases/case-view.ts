import type { Deps, CurrentUser } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { policies, type CaseRelation } from '../policies/policies.js'
import { listAttachments, listReportsOfCase } from './reports.repository.js'
import { loadCaseRelation } from './cases.repository.js'
import { listMessages } from './threads.js'
import { allowedProductActions, type ProductCaseStatus } from './product-case.transitions.js'
import { allowedWebsiteActions, type WebsiteCaseStatus } from './website-case.transitions.js'

export type Viewer = 'staff' | 'party' | 'finder'

/**
 * Everything one person may see of a case, and nothing more: staff get the whole record; a notified
 * developer organisation gets its own party, the vulnerabilities, its own thread and the finder's
 * identity only with consent; nobody else gets anything (404, not 403, so a case's existence is not
 * revealed). Reads by non-staff parties are logged.
 */
export async function loadCaseView(deps: Deps, input: { caseId: string; user: CurrentUser | null; trackedReportIds?: string[] }) {
  const { db, clock } = deps
  const rel = await loadCaseRelation(db, input.caseId, input.user, input.trackedReportIds)
  if (!rel || !policies.viewCaseAtAll(input.user, rel)) throw errors.notFound()
  const viewer: Viewer = policies.viewCaseAsStaff(input.user, rel) ? 'staff' : policies.viewCaseAsParty(rel) ? 'party' : 'finder'
  const kase = await db.selectFrom('cases').selectAll().where('id', '=', input.caseId).executeTakeFirstOrThrow()

  const allReports = await listReportsOfCase(db, input.caseId)
  const reports = await Promise.all(allReports
    .filter((r) => viewer !== 'finder' || rel.ownReportIds.includes(r.id))
    .map(async (r) => ({
      ...r,
      identityVisible: policies.seeFinderIdentity(input.user, rel, r.consent_share_identity),
      attachments: policies.downloadAttachment(input.user, rel, r.id) ? await listAttachments(db, r.id) : [],
    })))

  const partiesQuery = db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .selectAll('case_parties').select(['organizations.name_ja', 'organizations.name_en', 'organizations.pgp_public_key'])
    .where('case_parties.case_id', '=', input.caseId).orderBy('case_parties.created_at')
  const parties = viewer === 'finder' ? [] : (await partiesQuery.execute())
    .filter((p) => viewer === 'staff' || rel.notifiedPartyIds.includes(p.id))

  const vulnerabilities = viewer === 'finder' ? [] : await db.selectFrom('vulnerabilities').selectAll()
    .where('case_id', '=', input.caseId).orderBy('position').execute()
  const partyIds = parties.map((p) => p.id)
  const vulnStatuses = partyIds.length ? await db.selectFrom('party_vulnerability_statuses').selectAll().where('party_id', 'in', partyIds).execute() : []

  const attempts = viewer === 'staff' ? await db.selectFrom('contact_attempts').selectAll().where('case_id', '=', input.caseId).orderBy('attempted_at').execute() : []

  const developerThreads = await Promise.all(parties
    .filter((p) => policies.useDeveloperThread(input.user, rel, p.id))
    .map(async (p) => ({ party: p, messages: await listMessages(db, { caseId: input.caseId, thread: 'developer', partyId: p.id }) })))
  const finderThreads = await Promise.all(reports
    .filter((r) => policies.useFinderThread(input.user, rel, r.id))
    .map(async (r) => ({ report: r, messages: await listMessages(db, { caseId: input.caseId, thread: 'finder', reportId: r.id }) })))

  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', input.caseId).orderBy('id').execute()
  const timeline = viewer === 'staff' ? events : events.filter((e) => visibleToNonStaff(e, viewer, rel))

  const advisory = await db.selectFrom('advisories').select(['id', 'identifier', 'status', 'publish_at', 'published_at'])
    .where('case_id', '=', input.caseId).executeTakeFirst()

  const coordinatorName = viewer === 'staff' && kase.coordinator_id
    ? (await db.selectFrom('users').select('display_name').where('id', '=', kase.coordinator_id).executeTakeFirst())?.display_name ?? null
    : null
  if (viewer !== 'staff') {
    await db.insertInto('access_log').values({ user_id: input.user?.id ?? null, case_id: input.caseId, what: `case_view:${viewer}`, occurred_at: clock.now() }).execute()
  }
  return {
    viewer, relation: rel, kase, coordinatorName, reports, parties, vulnerabilities, vulnStatuses, attempts, developerThreads, finderThreads, timeline, advisory,
    actions: viewer !== 'staff' ? [] as string[]
      : kase.kind === 'website' ? allowedWebsiteActions(kase.status as WebsiteCaseStatus) : allowedProductActions(kase.status as ProductCaseStatus),
  }
}
export type CaseView = Awaited<ReturnType<typeof loadCaseView>>

/** The steps a finder or developer is told of; internal staff work stays internal. */
const FINDER_EVENTS = new Set(['report_submitted', 'accept', 'reject', 'notify_developer', 'publish', 'confirm_not_vulnerable', 'handle_individually', 'close_low_impact',
  'notify_operator', 'report_fix', 'close_not_vulnerable', 'close_stalled', 'close_by_alert', 'resume_handling'])
const PARTY_EVENTS = new Set(['self_report_submitted', 'notify_developer', 'party_notified', 'start_investigation', 'party_acknowledged', 'confirm_vulnerable', 'confirm_not_vulnerable',
  'party_responded', 'schedule_publication', 'reschedule_publication', 'publish', 'vulnerability_status_set',
  'notify_operator', 'remind_operator', 'operator_disputed', 'report_fix', 'close_not_vulnerable', 'close_stalled', 'close_by_alert', 'resume_handling'])

function visibleToNonStaff(e: { type: string; data: unknown }, viewer: Viewer, rel: CaseRelation): boolean {
  const data = (e.data ?? {}) as { partyId?: string; reportId?: string }
  if (viewer === 'finder') return FINDER_EVENTS.has(e.type) && (!data.reportId || rel.ownReportIds.includes(data.reportId))
  if (!PARTY_EVENTS.has(e.type)) return false
  return !data.partyId || rel.notifiedPartyIds.includes(data.partyId)
}
