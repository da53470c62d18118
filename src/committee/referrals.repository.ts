import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import type { ReferralStatus } from './committee.tables.js'

/** Referrals still before the committee: awaiting a decision, or told to keep waiting. */
export const ACTIVE_REFERRAL: ReferralStatus[] = ['open', 'keep_waiting']

/**
 * Withdraws the case's active referral (coordination resumed). Inside the caller's transaction;
 * returns the referral's id, or null when there was none.
 */
export async function withdrawActiveReferral(trx: DB, input: { caseId: string; now: Date; reason: string }): Promise<string | null> {
  const row = await trx.selectFrom('committee_referrals').select('id').where('case_id', '=', input.caseId)
    .where('status', 'in', ACTIVE_REFERRAL).forUpdate().executeTakeFirst()
  if (!row) return null
  await trx.updateTable('committee_referrals').set({ status: 'withdrawn', closed_at: input.now, close_reason: input.reason }).where('id', '=', row.id).execute()
  return row.id
}

export async function findReferral(db: DB, referralId: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('committee_referrals').selectAll().where('id', '=', referralId)
  if (opts.lock) q = q.forUpdate()
  return q.executeTakeFirst()
}

export async function requireReferral(db: DB, referralId: string, opts: { lock?: boolean } = {}) {
  const r = await findReferral(db, referralId, opts)
  if (!r) throw errors.notFound()
  return r
}

/** Whether a referral is urgent now: marked so and still before the committee. */
export const isUrgent = (r: { status: ReferralStatus; urgent_since: Date | null }) => ACTIVE_REFERRAL.includes(r.status) && r.urgent_since !== null

/** Every referral with its case's title and status: urgent ones first, then the other active ones, newest first. */
export async function listReferrals(db: DB) {
  const rows = await db.selectFrom('committee_referrals').innerJoin('cases', 'cases.id', 'committee_referrals.case_id')
    .select(['committee_referrals.id', 'committee_referrals.case_id', 'committee_referrals.reason', 'committee_referrals.status',
      'committee_referrals.referred_at', 'committee_referrals.decided_at', 'committee_referrals.urgent_since', 'cases.title', 'cases.status as case_status'])
    .orderBy('committee_referrals.referred_at', 'desc').execute()
  const rank = (r: (typeof rows)[number]) => (isUrgent(r) ? 0 : ACTIVE_REFERRAL.includes(r.status) ? 1 : 2)
  return rows.sort((a, b) => rank(a) - rank(b))
}

/** The referrals of one case, oldest first (coordinators' case page). */
export async function listCaseReferrals(db: DB, caseId: string) {
  return db.selectFrom('committee_referrals').selectAll().where('case_id', '=', caseId).orderBy('referred_at').execute()
}

/** Members of the committee: accounts with the committee role that are not disabled. */
export async function listMembers(db: DB) {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'roles']).where('disabled_at', 'is', null).orderBy('display_name').execute()
  return rows.filter((u) => u.roles.includes('committee')).map((u) => ({ id: u.id, name: u.display_name }))
}

export async function isRecused(db: DB, referralId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('committee_recusals').select('user_id').where('referral_id', '=', referralId).where('user_id', '=', userId).executeTakeFirst())
}

/** Meetings that discussed a referral and were chaired by `userId`. */
export async function chairedMeetings(db: DB, referralId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('committee_meetings')
    .innerJoin('committee_meeting_referrals', 'committee_meeting_referrals.meeting_id', 'committee_meetings.id')
    .select('committee_meetings.id').where('committee_meeting_referrals.referral_id', '=', referralId)
    .where('committee_meetings.chair_user_id', '=', userId).execute()
  return rows.map((r) => r.id)
}
