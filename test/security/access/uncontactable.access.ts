import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { createUser } from '../../support/clients.js'
import { declareThroughApi, sendTipThroughApi, walkToUnansweredDeveloper } from '../../../src/uncontactable/uncontactable.test-support.js'

/** Who may call each uncontactable route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const uncontactableAccess: AccessTable = {
  // The public list and its tip form: everyone (DESIGN §5).
  'GET /uncontactable': ALL,
  'GET /uncontactable/:listingId': ALL,
  'POST /uncontactable/:listingId/tips': ALL,
  'GET /api/v1/uncontactable': ALL,
  'GET /api/v1/uncontactable/:listingId': ALL,
  'POST /api/v1/uncontactable/:listingId/tips': ALL,
  // Coordinators declare and resume.
  'POST /cases/:caseId/parties/:partyId/uncontactable': ['coordinator'],
  'POST /api/v1/cases/:caseId/parties/:partyId/uncontactable': ['coordinator'],
  'GET /api/v1/cases/:caseId/parties/:partyId/contact-policy': ['coordinator'],
  'POST /cases/:caseId/resumption': ['coordinator'],
  'POST /api/v1/cases/:caseId/resumption': ['coordinator'],
  // Coordinators handle the public's tips (the seed's tip, on the seed's case).
  'POST /uncontactable/tips/:tipId/handling': ['coordinator'],
  'POST /api/v1/uncontactable/tips/:tipId/handling': ['coordinator'],
  // The policy is configuration.
  'GET /uncontactable-policy': ['admin'],
  'POST /uncontactable-policy': ['admin'],
  'GET /api/v1/uncontactable-policy': ['admin'],
  'PUT /api/v1/uncontactable-policy': ['admin'],
}

/** A second case whose developer never answered (attempts in March), declared uncontactable and listed now, with an open tip. */
export const uncontactableSeed: AccessSeed | null = async ({ t }) => {
  const finder = await createUser(t, { name: 'Seed finder' })
  const s = await walkToUnansweredDeveloper(t, {
    finder: finder.api,
    orgName: { ja: '行列試験連絡不能社', en: 'Matrix Silent Co.' },
    attempts: [
      { channel: 'email', attemptedOn: '2026-03-02', result: 'no_answer' },
      { channel: 'phone', attemptedOn: '2026-03-05', result: 'no_answer' },
      { channel: 'email', attemptedOn: '2026-03-10', result: 'bounced' },
    ],
  })
  const { listingId } = await declareThroughApi(s)
  const tipId = await sendTipThroughApi(t, listingId)
  return { listingId, tipId }
}
