import type { Deps } from '../platform/http/context.js'
import type { Lang } from '../platform/i18n/index.js'
import type { ThreadRef } from './threads.js'

/**
 * Who hears of a new message: when staff write, the other side (the organisation's members, or the
 * finder); when the other side writes, the case's coordinator if one has taken it.
 */
export async function threadRecipients(deps: Deps, ref: ThreadRef, postedByStaff: boolean): Promise<{ to: string; lang: Lang; url: string }[]> {
  const { db, config } = deps
  const caseUrl = `${config.publicUrl}/cases/${ref.caseId}`
  if (!postedByStaff) {
    const kase = await db.selectFrom('cases').leftJoin('users', 'users.id', 'cases.coordinator_id')
      .select(['users.email', 'users.locale']).where('cases.id', '=', ref.caseId).executeTakeFirst()
    return kase?.email ? [{ to: kase.email, lang: kase.locale ?? 'ja', url: caseUrl }] : []
  }
  if (ref.thread === 'developer') {
    const members = await db.selectFrom('case_parties').innerJoin('users', 'users.organization_id', 'case_parties.organization_id')
      .select(['users.email', 'users.locale']).where('case_parties.id', '=', ref.partyId).execute()
    return members.map((m) => ({ to: m.email, lang: m.locale, url: caseUrl }))
  }
  const report = await db.selectFrom('reports').select(['finder_email', 'locale', 'finder_user_id']).where('id', '=', ref.reportId).executeTakeFirst()
  if (!report?.finder_email) return []
  const url = report.finder_user_id ? `${config.publicUrl}/my/reports/${ref.reportId}` : `${config.publicUrl}/`
  return [{ to: report.finder_email, lang: report.locale === 'en' ? 'en' : 'ja', url }]
}
