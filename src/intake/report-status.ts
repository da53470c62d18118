import type { Deps } from '../platform/http/context.js'
import { listAttachments, type ReportRow } from '../cases/reports.repository.js'
import { listMessages } from '../cases/threads.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'

/** What a finder is told of their case: a coarse status and the dates the guideline names. */
export function finderStatus(status: string): string {
  switch (status) {
    case 'received': case 'not_accepted': case 'published': case 'not_vulnerable': return status
    // Website endings (DESIGN §4): the finder is told the outcome.
    case 'fixed': case 'closed_by_alert': case 'stalled': return status
    case 'handled_individually': case 'closed_low_impact': return 'closed'
    default: return 'in_handling'
  }
}

/** A finder's view of one report: their own words, status, dates, their thread; never other finders or developers. */
export async function loadFinderReportView(deps: Deps, report: ReportRow, via: 'account' | 'tracking') {
  const { db, clock } = deps
  const kase = await db.selectFrom('cases').select(['id', 'kind', 'status', 'accepted_at', 'start_date', 'rejection_reason', 'closed_at', 'fix_type', 'fixed_on'])
    .where('id', '=', report.case_id).executeTakeFirstOrThrow()
  const publicAdvisory = (await publicAdvisories(db, clock.now()).select(['identifier', 'publish_at'])
    .where('case_id', '=', kase.id).executeTakeFirst()) ?? null
  const attachments = await listAttachments(db, report.id)
  const messages = await listMessages(db, { caseId: kase.id, thread: 'finder', reportId: report.id })
  await db.insertInto('access_log').values({ user_id: null, case_id: kase.id, what: `finder_view:${via}:${report.id}`, occurred_at: clock.now() }).execute()
  return {
    report, attachments, messages,
    status: finderStatus(kase.status === 'publication_scheduled' && publicAdvisory ? 'published' : kase.status),
    acceptedAt: kase.accepted_at, startDate: kase.start_date, rejectionReason: kase.rejection_reason,
    kind: kase.kind, fixType: kase.fix_type, fixedOn: kase.fixed_on,
    advisory: publicAdvisory,
  }
}
export type FinderReportView = Awaited<ReturnType<typeof loadFinderReportView>>
