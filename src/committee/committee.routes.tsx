import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formatDate } from '../platform/i18n/index.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { advisoryDraftSchema } from '../advisories/index.js'
import { formToValues } from '../advisories/index.js'
import { jstLocal, meetingSchema, recusalSchema, referralSchema, urgencySchema, voteSchema } from './committee.schemas.js'
import { cancelUrgency, markUrgent } from './urgency.usecases.js'
import { castVote, recordMeeting, recuse, referToCommittee } from './committee.usecases.js'
import { decideReferral } from './decisions.usecases.js'
import { listMeetings, loadMeeting, loadReferralView } from './committee.queries.js'
import { ACTIVE_REFERRAL, listMembers, listReferrals } from './referrals.repository.js'
import { committeeViewer, deciderAccess, decisionMeeting, memberAccess, referralAccess, referrerOf, secretariatAccess } from './committee.guards.js'
import { ReferralList, ReferralPage, type ReferralPageState } from './committee.views.js'
import { decisionDefaults } from './decision-form.views.js'
import { MeetingPage, MeetingsPage } from './meetings.views.js'
import { committeeApi } from './committee.api.js'
import { committeePolicies } from './committee.policies.js'
import { ReferralForm } from './committee.case-section.js'
import { refusedInput } from '../platform/http/forms.js'

export const committeeRoutes = new Hono<AppEnv>()

const toReferral = (c: Ctx) => c.redirect(`/committee/referrals/${c.req.param('referralId')}`, 303)

/** Only errors people can act on go back to the form; anything else goes to the error handler. */
const actionable = (e: unknown): AppError => {
  if (e instanceof AppError && (e.status === 400 || e.status === 409)) return e
  throw e
}

async function referralPage(c: Ctx, state: ReferralPageState = {}, status: 200 | 400 | 409 = 200) {
  const access = await referralAccess(c)
  const view = await loadReferralView(c.var.deps, { referralId: access.referral.id, user: access.user })
  const canVote = committeePolicies.actAsCommitteeMember(access.user) && !access.recused
  const canDecide = committeePolicies.decideReferral(access.user, access.chairOf, access.recused)
  return page(c, c.var.t('committee.referral_title', { title: view.title }),
    <ReferralPage c={c} view={view} canVote={canVote} canDecide={canDecide} canMarkUrgent={committeePolicies.markReferralUrgent(access.user)} decisionDefaults={decisionDefaults(view)} state={state} />, status)
}

committeeRoutes.get('/committee', async (c) => {
  committeeViewer(c)
  return page(c, c.var.t('committee.referrals_title'), <ReferralList c={c} referrals={await listReferrals(c.var.deps.db)} />)
})

committeeRoutes.get('/committee/referrals/:referralId', (c) => referralPage(c))

committeeRoutes.post('/committee/referrals/:referralId/recusal', async (c) => {
  const { user, referral } = await memberAccess(c)
  const values = await formBody(c)
  try {
    const { reason } = parseWith(recusalSchema, values)
    await recuse(c.var.deps, { referralId: referral.id, member: user, reason })
  } catch (e) {
    const error = actionable(e)
    return referralPage(c, { error, form: 'recusal', values }, error.status === 409 ? 409 : 400)
  }
  return toReferral(c)
})

committeeRoutes.post('/committee/referrals/:referralId/votes', async (c) => {
  const { user, referral } = await memberAccess(c)
  const values = await formBody(c)
  try {
    const input = parseWith(voteSchema, values)
    await castVote(c.var.deps, { referralId: referral.id, member: user, ...input })
  } catch (e) {
    const error = actionable(e)
    return referralPage(c, { error, form: 'vote', values }, error.status === 409 ? 409 : 400)
  }
  return toReferral(c)
})

committeeRoutes.post('/committee/referrals/:referralId/urgency', async (c) => {
  const { user, referral } = await secretariatAccess(c)
  const values = await formBody(c)
  try {
    const { reason } = parseWith(urgencySchema, values)
    await markUrgent(c.var.deps, { referralId: referral.id, actor: actorOf(user), reason })
  } catch (e) {
    const error = actionable(e)
    return referralPage(c, { error, form: 'urgency', values }, error.status === 409 ? 409 : 400)
  }
  return toReferral(c)
})

committeeRoutes.post('/committee/referrals/:referralId/urgency/cancellation', async (c) => {
  const { user, referral } = await secretariatAccess(c)
  const values = await formBody(c)
  try {
    const { reason } = parseWith(urgencySchema, values)
    await cancelUrgency(c.var.deps, { referralId: referral.id, actor: actorOf(user), reason })
  } catch (e) {
    const error = actionable(e)
    return referralPage(c, { error, form: 'cancel_urgency', values }, error.status === 409 ? 409 : 400)
  }
  return toReferral(c)
})

const decisionFormSchema = z.object({ decision: z.enum(['publish', 'keep_waiting']), reasons: z.string().trim().min(1, 'Required.').max(20_000), meetingId: z.string().max(100).optional(), publishAt: jstLocal })

committeeRoutes.post('/committee/referrals/:referralId/decision', async (c) => {
  const access = await deciderAccess(c)
  const body = await formBody(c)
  const typed = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
  try {
    const input = parseWith(decisionFormSchema, { ...body, meetingId: typed.meetingId || undefined })
    const advisory = input.decision === 'publish' && body.with_advisory ? parseFlatForm(advisoryDraftSchema, formToValues(body)) : undefined
    await decideReferral(c.var.deps, {
      referralId: access.referral.id, actor: actorOf(access.user), decision: input.decision, reasons: input.reasons,
      meetingId: decisionMeeting(access, input.meetingId), publishAt: input.publishAt, advisory,
    })
  } catch (e) {
    const error = actionable(e)
    return referralPage(c, { error, decision: typed, form: 'decision' }, error.status === 409 ? 409 : 400)
  }
  return toReferral(c)
})

committeeRoutes.get('/committee/meetings', async (c) => meetingsPage(c))

/**
 * The meetings and, for the secretariat, the form to record one. `?referral=<id>` (an active
 * referral, e.g. an urgent one) narrows the form to a meeting for that referral only.
 */
async function meetingsPage(c: Ctx, error?: unknown, values?: Record<string, unknown>) {
  const user = committeeViewer(c)
  const { db } = c.var.deps
  const canRecord = committeePolicies.recordCommitteeMeeting(user)
  const active = canRecord ? (await listReferrals(db)).filter((r) => ACTIVE_REFERRAL.includes(r.status)) : []
  const only = active.find((r) => r.id === c.req.query('referral'))
  return page(c, c.var.t('committee.meetings_title'), (
    <MeetingsPage c={c} meetings={await listMeetings(db)} canRecord={canRecord} members={canRecord ? await listMembers(db) : []}
      referrals={only ? [only] : active} only={only ?? null} error={error} values={values} />
  ), error ? 400 : 200)
}

committeeRoutes.post('/committee/meetings', async (c) => {
  const user = committeeViewer(c)
  if (!committeePolicies.recordCommitteeMeeting(user)) throw errors.notFound()
  let meetingId: string
  const values = await formBody(c)
  try {
    meetingId = (await recordMeeting(c.var.deps, { meeting: parseWith(meetingSchema, values), actor: actorOf(user) })).meetingId
  } catch (e) {
    return meetingsPage(c, actionable(e), values)
  }
  return c.redirect(`/committee/meetings/${meetingId}`, 303)
})

committeeRoutes.get('/committee/meetings/:meetingId', async (c) => {
  committeeViewer(c)
  const m = await loadMeeting(c.var.deps.db, c.req.param('meetingId'))
  return page(c, c.var.t('committee.meeting_title', { date: formatDate(m.meeting.held_on, c.var.lang) }), <MeetingPage c={c} m={m} />)
})

committeeRoutes.post('/cases/:caseId/committee-referrals', async (c) => {
  const user = await referrerOf(c)
  const caseId = c.req.param('caseId')
  const values = await formBody(c)
  try {
    const input = parseWith(referralSchema, values)
    await referToCommittee(c.var.deps, { caseId, actor: actorOf(user), ...input })
  } catch (e) {
    // Refused: the form on a page of its own, with why beside each field and what was entered.
    const error = refusedInput(e)
    return page(c, c.var.t('committee.refer'), (
      <>
        <p><a href={`/cases/${caseId}`}>{c.var.t('common.back')}</a></p>
        <ReferralForm c={c} caseId={caseId} reason="uncoordinatable" error={error} values={values} />
      </>
    ), error.status)
  }
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

committeeRoutes.route('/', committeeApi)
