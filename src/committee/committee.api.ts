import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { decisionApiSchema, meetingSchema, recusalSchema, referralSchema, urgencySchema, voteSchema } from './committee.schemas.js'
import { cancelUrgency, markUrgent } from './urgency.usecases.js'
import { castVote, recordMeeting, recuse, referToCommittee } from './committee.usecases.js'
import { decideReferral } from './decisions.usecases.js'
import { listMeetings, loadMeeting, loadReferralView } from './committee.queries.js'
import { isUrgent, listReferrals } from './referrals.repository.js'
import { committeeViewer, deciderAccess, decisionMeeting, memberAccess, referralAccess, referrerOf, secretariatAccess } from './committee.guards.js'
import { committeePolicies } from './committee.policies.js'

/** The committee's JSON API: the same use cases and checks as its pages. */
export const committeeApi = new Hono<AppEnv>()

committeeApi.get('/api/v1/committee/referrals', async (c) => {
  committeeViewer(c)
  const rows = await listReferrals(c.var.deps.db)
  return c.json({
    referrals: rows.map((r) => ({ id: r.id, title: r.title, reason: r.reason, status: r.status, referredAt: r.referred_at, decidedAt: r.decided_at, urgent: isUrgent(r), urgentSince: isUrgent(r) ? r.urgent_since : null })),
  })
})

committeeApi.get('/api/v1/committee/referrals/:referralId', async (c) => {
  const access = await referralAccess(c)
  const view = await loadReferralView(c.var.deps, { referralId: access.referral.id, user: access.user })
  // The note and the urgency reason are the coordinator's words about the case: only with the summary.
  const { case_id: caseId, note, urgency_reason: urgencyReason, ...referral } = view.referral
  return c.json({
    referral: { ...referral, ...(view.summary && { note, urgency_reason: urgencyReason }), ...(view.coordinator && { caseId }), urgent: view.urgent, urgentDue: view.urgentDue },
    title: view.title, recused: view.recused, chairOf: view.chairOf, summary: view.summary, deliberation: view.deliberation,
  })
})

committeeApi.post('/api/v1/committee/referrals/:referralId/recusal', async (c) => {
  const { user, referral } = await memberAccess(c)
  const { reason } = await jsonBody(c, recusalSchema)
  return c.json(await recuse(c.var.deps, { referralId: referral.id, member: user, reason }), 201)
})

committeeApi.post('/api/v1/committee/referrals/:referralId/votes', async (c) => {
  const { user, referral } = await memberAccess(c)
  const input = await jsonBody(c, voteSchema)
  return c.json(await castVote(c.var.deps, { referralId: referral.id, member: user, ...input }), 201)
})

committeeApi.post('/api/v1/committee/referrals/:referralId/urgency', async (c) => {
  const { user, referral } = await secretariatAccess(c)
  const { reason } = await jsonBody(c, urgencySchema)
  return c.json(await markUrgent(c.var.deps, { referralId: referral.id, actor: actorOf(user), reason }), 201)
})

committeeApi.post('/api/v1/committee/referrals/:referralId/urgency/cancellation', async (c) => {
  const { user, referral } = await secretariatAccess(c)
  const { reason } = await jsonBody(c, urgencySchema)
  return c.json(await cancelUrgency(c.var.deps, { referralId: referral.id, actor: actorOf(user), reason }))
})

committeeApi.post('/api/v1/committee/referrals/:referralId/decision', async (c) => {
  const access = await deciderAccess(c)
  const input = await jsonBody(c, decisionApiSchema)
  const result = await decideReferral(c.var.deps, {
    ...input, referralId: access.referral.id, actor: actorOf(access.user), meetingId: decisionMeeting(access, input.meetingId),
  })
  return c.json(result, 201)
})

committeeApi.get('/api/v1/committee/meetings', async (c) => {
  committeeViewer(c)
  return c.json({ meetings: await listMeetings(c.var.deps.db) })
})

committeeApi.post('/api/v1/committee/meetings', async (c) => {
  const user = committeeViewer(c)
  if (!committeePolicies.recordCommitteeMeeting(user)) throw errors.notFound()
  return c.json(await recordMeeting(c.var.deps, { meeting: await jsonBody(c, meetingSchema), actor: actorOf(user) }), 201)
})

committeeApi.get('/api/v1/committee/meetings/:meetingId', async (c) => {
  committeeViewer(c)
  return c.json(await loadMeeting(c.var.deps.db, c.req.param('meetingId')))
})

committeeApi.post('/api/v1/cases/:caseId/committee-referrals', async (c) => {
  const user = await referrerOf(c)
  const input = await jsonBody(c, referralSchema)
  return c.json(await referToCommittee(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), ...input }), 201)
})
