import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { loadCaseRelation } from '../cases/cases.repository.js'
import { declareSchema, policySchema, resumeSchema, tipHandlingSchema, tipSchema } from './uncontactable.schemas.js'
import { declareUncontactable, submitTip } from './uncontactable.usecases.js'
import { resumeCoordination } from './resumption.usecases.js'
import { handleTip, tipCaseId } from './tip-handling.js'
import { findCommitteePublishedListing, findPublicListing, listCommitteePublishedListings, listPublicListings, type CommitteePublishedListing, type PublicListing } from './listings.repository.js'
import { loadPolicy, partyProgress, savePolicy } from './contact-policy.js'
import { advisoryPath, ListingPage, PolicyPage, PublicList, PublishedListingPage, type TipFormState } from './uncontactable.views.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { pick } from '../advisories/index.js'
import { uncontactablePolicies } from './uncontactable.policies.js'

export const uncontactableRoutes = new Hono<AppEnv>()

/** Public forms are rate-limited per address: ten tips an hour is plenty for a person. */
const tipLimit = rateLimit('uncontactable-tip', 10, 3600)

/** Coordinators of the product case in the path; everyone else signed in gets 404. */
const coordinatorOf = (c: Ctx, allowed: typeof uncontactablePolicies.declareUncontactable) => allowedOnCase(c, allowed)

/** Coordinators of the case the tip in the path belongs to; an unknown tip and everyone else get 404. */
async function tipHandlerOf(c: Ctx) {
  const user = requireUser(c)
  const caseId = await tipCaseId(c.var.deps.db, c.req.param('tipId')!)
  const rel = caseId ? await loadCaseRelation(c.var.deps.db, caseId, user) : null
  if (!caseId || !rel || !uncontactablePolicies.handleUncontactableTip(user, rel)) throw errors.notFound()
  return { user, caseId }
}

const presentListing = (l: PublicListing) => ({ id: l.id, developer: l.developer, listedAt: l.listedAt.toISOString(), product: l.product })

/** A listing ended by the committee's publication: the listing, and the public advisory it ended with. */
const presentPublished = (c: Ctx, l: CommitteePublishedListing) => ({
  ...presentListing(l), status: 'published_by_committee' as const,
  advisory: { identifier: l.advisory.identifier, publishedAt: l.advisory.publishedAt.toISOString(), url: `${c.var.deps.config.publicUrl}${advisoryPath(l)}` },
})

async function publicListing(c: Ctx): Promise<PublicListing> {
  const listing = await findPublicListing(c.var.deps.db, c.var.deps.clock.now(), c.req.param('listingId')!)
  if (!listing) throw errors.notFound()
  return listing
}

const listingPage = (c: Ctx, listing: PublicListing, state: TipFormState, status: 200 | 400 = 200) =>
  page(c, c.var.t('uncontactable.listing_title', { name: pick(listing.developer, c.var.lang) }), <ListingPage c={c} listing={listing} state={state} />, status)

// ---- the public list ----

uncontactableRoutes.get('/uncontactable', async (c) => {
  const { db, clock } = c.var.deps
  const listings = await listPublicListings(db, clock.now())
  const published = await listCommitteePublishedListings(db, clock.now())
  return page(c, c.var.t('uncontactable.list_title'), <PublicList c={c} listings={listings} published={published} />)
})

uncontactableRoutes.get('/uncontactable/:listingId', async (c) => {
  const { db, clock } = c.var.deps
  const live = await findPublicListing(db, clock.now(), c.req.param('listingId'))
  if (live) return listingPage(c, live, { sent: c.req.query('sent') !== undefined })
  const ended = await findCommitteePublishedListing(db, clock.now(), c.req.param('listingId'))
  if (!ended) throw errors.notFound()
  return page(c, c.var.t('uncontactable.listing_title', { name: pick(ended.developer, c.var.lang) }), <PublishedListingPage c={c} listing={ended} />)
})

uncontactableRoutes.post('/uncontactable/:listingId/tips', tipLimit, async (c) => {
  const listing = await publicListing(c)
  const body = await formBody(c)
  const values = Object.fromEntries(['name', 'email', 'message'].map((k) => [k, typeof body[k] === 'string' ? body[k] as string : '']))
  try {
    await submitTip(c.var.deps, { listingId: listing.id, tip: parseWith(tipSchema, body) })
  } catch (e) {
    if (e instanceof AppError && e.status === 400) return listingPage(c, listing, { values, error: e }, 400)
    throw e
  }
  return c.redirect(`/uncontactable/${listing.id}?sent`, 303)
})

uncontactableRoutes.get('/api/v1/uncontactable', async (c) => {
  const { db, clock } = c.var.deps
  const listings = await listPublicListings(db, clock.now())
  const published = await listCommitteePublishedListings(db, clock.now())
  return c.json({ listings: listings.map(presentListing), publishedByCommittee: published.map((l) => presentPublished(c, l)) })
})

uncontactableRoutes.get('/api/v1/uncontactable/:listingId', async (c) => {
  const { db, clock } = c.var.deps
  const live = await findPublicListing(db, clock.now(), c.req.param('listingId'))
  if (live) return c.json(presentListing(live))
  const ended = await findCommitteePublishedListing(db, clock.now(), c.req.param('listingId'))
  if (!ended) throw errors.notFound()
  return c.json(presentPublished(c, ended))
})

uncontactableRoutes.post('/api/v1/uncontactable/:listingId/tips', tipLimit, async (c) => {
  const listing = await publicListing(c)
  await submitTip(c.var.deps, { listingId: listing.id, tip: await jsonBody(c, tipSchema) })
  return c.json({ status: 'received' }, 201)
})

// ---- coordinators: declaration and resumption ----

uncontactableRoutes.post('/cases/:caseId/parties/:partyId/uncontactable', async (c) => {
  const user = await coordinatorOf(c, uncontactablePolicies.declareUncontactable)
  const { reason } = parseWith(declareSchema, await formBody(c))
  await declareUncontactable(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), actor: actorOf(user), reason })
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

uncontactableRoutes.post('/api/v1/cases/:caseId/parties/:partyId/uncontactable', async (c) => {
  const user = await coordinatorOf(c, uncontactablePolicies.declareUncontactable)
  const { reason } = await jsonBody(c, declareSchema)
  return c.json(await declareUncontactable(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), actor: actorOf(user), reason }), 201)
})

uncontactableRoutes.get('/api/v1/cases/:caseId/parties/:partyId/contact-policy', async (c) => {
  await coordinatorOf(c, uncontactablePolicies.declareUncontactable)
  const { db, clock } = c.var.deps
  const party = await db.selectFrom('case_parties').select('id').where('id', '=', c.req.param('partyId')).where('case_id', '=', c.req.param('caseId')).executeTakeFirst()
  if (!party) throw errors.notFound()
  return c.json({ policy: await loadPolicy(db), progress: await partyProgress(db, { caseId: c.req.param('caseId'), partyId: party.id, now: clock.now() }) })
})

uncontactableRoutes.post('/cases/:caseId/resumption', async (c) => {
  const user = await coordinatorOf(c, uncontactablePolicies.resumeCoordination)
  const input = parseWith(resumeSchema, await formBody(c))
  await resumeCoordination(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), ...input })
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

uncontactableRoutes.post('/api/v1/cases/:caseId/resumption', async (c) => {
  const user = await coordinatorOf(c, uncontactablePolicies.resumeCoordination)
  const input = await jsonBody(c, resumeSchema)
  return c.json(await resumeCoordination(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), ...input }))
})

// ---- coordinators: handling the public's tips ----

uncontactableRoutes.post('/uncontactable/tips/:tipId/handling', async (c) => {
  const { user, caseId } = await tipHandlerOf(c)
  const input = parseWith(tipHandlingSchema, await formBody(c))
  await handleTip(c.var.deps, { tipId: c.req.param('tipId'), actor: actorOf(user), ...input })
  return c.redirect(`/cases/${caseId}#tip-${c.req.param('tipId')}`, 303)
})

uncontactableRoutes.post('/api/v1/uncontactable/tips/:tipId/handling', async (c) => {
  const { user } = await tipHandlerOf(c)
  const input = await jsonBody(c, tipHandlingSchema)
  return c.json(await handleTip(c.var.deps, { tipId: c.req.param('tipId'), actor: actorOf(user), ...input }))
})

// ---- administrators: the policy ----

uncontactableRoutes.get('/uncontactable-policy', async (c) => {
  requireAllowed(c, uncontactablePolicies.manageUncontactablePolicy)
  const policy = await loadPolicy(c.var.deps.db)
  return page(c, c.var.t('uncontactable.policy_title'), <PolicyPage c={c} policy={policy} saved={c.req.query('saved') !== undefined} />)
})

uncontactableRoutes.post('/uncontactable-policy', async (c) => {
  const user = requireAllowed(c, uncontactablePolicies.manageUncontactablePolicy)
  const body = await formBody(c)
  try {
    await savePolicy(c.var.deps.db, { policy: parseWith(policySchema, body), userId: user.id, now: c.var.deps.clock.now() })
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return page(c, c.var.t('uncontactable.policy_title'), <PolicyPage c={c} policy={await loadPolicy(c.var.deps.db)} error={e} values={body} />, 400)
  }
  return c.redirect('/uncontactable-policy?saved', 303)
})

uncontactableRoutes.get('/api/v1/uncontactable-policy', async (c) => {
  requireAllowed(c, uncontactablePolicies.manageUncontactablePolicy)
  return c.json(await loadPolicy(c.var.deps.db))
})

uncontactableRoutes.put('/api/v1/uncontactable-policy', async (c) => {
  const user = requireAllowed(c, uncontactablePolicies.manageUncontactablePolicy)
  return c.json(await savePolicy(c.var.deps.db, { policy: await jsonBody(c, policySchema), userId: user.id, now: c.var.deps.clock.now() }))
})
