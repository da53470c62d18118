import { ALL, NONE, SIGNED_IN, type AccessTable, type Actor } from './access-types.js'

const CASE_READERS: Actor[] = ['finder', 'intake', 'coordinator', 'developer']

/** The foundation's routes (issue 2). */
export const foundationAccess: AccessTable = {
  'GET /healthz': ALL, 'GET /readyz': ALL,
  'GET /static/app.css': ALL, 'GET /favicon.svg': ALL, 'GET /favicon.ico': ALL,
  'GET /.well-known/security.txt': ALL,
  'GET /.well-known/openpgp-key.asc': ALL,
  'GET /api/v1/openapi.json': ALL,
  // accounts
  'GET /login': ALL, 'POST /login': ALL, 'POST /logout': ALL, 'GET /register': ALL, 'POST /register': ALL,
  'GET /invitations/:secret': ALL, 'POST /invitations/:secret': ALL,
  'GET /login/second-factor': NONE, 'POST /login/second-factor': NONE, 'POST /api/v1/session/second-factor': NONE,
  'GET /account': SIGNED_IN, 'POST /account/tokens': SIGNED_IN,
  // every account may turn its own second factor on (and off, unless staff)
  'GET /account/second-factor': SIGNED_IN, 'POST /account/second-factor': SIGNED_IN, 'POST /account/second-factor/disable': SIGNED_IN,
  'GET /api/v1/account/second-factor': SIGNED_IN, 'POST /api/v1/account/second-factor': SIGNED_IN,
  'POST /api/v1/account/second-factor/confirmation': SIGNED_IN, 'DELETE /api/v1/account/second-factor': SIGNED_IN,
  'POST /account/second-factor/recovery-codes': SIGNED_IN, 'POST /api/v1/account/second-factor/recovery-codes': SIGNED_IN,
  'POST /api/v1/session': ALL, 'DELETE /api/v1/session': ALL, 'GET /api/v1/me': SIGNED_IN, 'POST /api/v1/tokens': SIGNED_IN,
  // intake: the form is public; the tracking link is a bearer secret
  'GET /report': ALL, 'POST /report': ALL, 'POST /api/v1/reports': ALL,
  'GET /track/:secret': ALL, 'POST /track/:secret/messages': ALL, 'GET /track/:secret/attachments/:attachmentId': ALL,
  'GET /api/v1/tracking/:secret': ALL,
  // whoever holds the link may replace it; the case's staff revoke and reissue (the matrix restores the link after each call)
  'POST /track/:secret/replacement': ALL, 'POST /api/v1/tracking/:secret/replacement': ALL,
  'POST /cases/:caseId/reports/:reportId/tracking-link/revocation': ['intake', 'coordinator'],
  'POST /cases/:caseId/reports/:reportId/tracking-link': ['intake', 'coordinator'],
  'POST /api/v1/cases/:caseId/reports/:reportId/tracking-link/revocation': ['intake', 'coordinator'],
  'POST /api/v1/cases/:caseId/reports/:reportId/tracking-link': ['intake', 'coordinator'],
  'GET /my/reports': SIGNED_IN, 'GET /api/v1/my/reports': SIGNED_IN, 'GET /my/reports/:reportId': ['finder'],
  'GET /intake': ['intake'], 'GET /api/v1/intake/queue': ['intake'],
  'POST /cases/:caseId/accept': ['intake'], 'POST /cases/:caseId/reject': ['intake'],
  'POST /api/v1/cases/:caseId/accept': ['intake'], 'POST /api/v1/cases/:caseId/reject': ['intake'],
  // the case
  'GET /cases/:caseId': CASE_READERS, 'GET /api/v1/cases/:caseId': CASE_READERS,
  'GET /cases/:caseId/attachments/:attachmentId': ['finder', 'intake', 'coordinator'],
  'POST /cases/:caseId/threads/developer/:targetId': ['coordinator', 'developer'],
  'POST /cases/:caseId/threads/finder/:targetId': ['finder', 'intake', 'coordinator'],
  'POST /api/v1/cases/:caseId/threads/developer/:targetId/messages': ['coordinator', 'developer'],
  'POST /api/v1/cases/:caseId/threads/finder/:targetId/messages': ['finder', 'intake', 'coordinator'],
  // coordination
  'GET /coordination': ['coordinator'], 'GET /api/v1/coordination/cases': ['coordinator'],
  'GET /my/cases': SIGNED_IN, 'GET /api/v1/my/cases': SIGNED_IN,
  'POST /cases/:caseId/classification': ['intake', 'coordinator'], 'POST /api/v1/cases/:caseId/classification': ['intake', 'coordinator'],
  'POST /cases/:caseId/take': ['coordinator'], 'POST /api/v1/cases/:caseId/take': ['coordinator'],
  'POST /cases/:caseId/parties': ['coordinator'], 'POST /api/v1/cases/:caseId/parties': ['coordinator'],
  'POST /cases/:caseId/parties/:partyId/attempts': ['coordinator'], 'POST /api/v1/cases/:caseId/parties/:partyId/contact-attempts': ['coordinator'],
  'POST /cases/:caseId/parties/:partyId/notify': ['coordinator'], 'POST /api/v1/cases/:caseId/parties/:partyId/notify': ['coordinator'],
  'POST /cases/:caseId/parties/:partyId/acknowledge': ['developer'], 'POST /api/v1/cases/:caseId/parties/:partyId/acknowledge': ['developer'],
  'POST /cases/:caseId/parties/:partyId/response': ['developer'], 'POST /api/v1/cases/:caseId/parties/:partyId/response': ['developer'],
  'POST /cases/:caseId/parties/:partyId/vulnerability-status': ['developer'], 'POST /api/v1/cases/:caseId/parties/:partyId/vulnerability-statuses': ['developer'],
  'GET /organizations': ['coordinator', 'admin'], 'GET /organizations/new': ['coordinator', 'admin'], 'POST /organizations': ['coordinator', 'admin'],
  'GET /organizations/:id': ['coordinator', 'admin'], 'POST /organizations/:id/contacts': ['coordinator', 'admin'],
  'GET /api/v1/organizations': ['coordinator', 'admin'], 'POST /api/v1/organizations': ['coordinator', 'admin'],
  'GET /api/v1/organizations/:id': ['coordinator', 'admin'], 'POST /api/v1/organizations/:id/contacts': ['coordinator', 'admin'],
  // advisories (staff side)
  'GET /cases/:caseId/advisory': ['coordinator'], 'POST /cases/:caseId/advisory': ['coordinator'],
  'POST /cases/:caseId/advisory/schedule': ['coordinator'], 'POST /cases/:caseId/advisory/unschedule': ['coordinator'], 'POST /cases/:caseId/advisory/revise': ['coordinator'],
  'GET /api/v1/cases/:caseId/advisory': ['coordinator'], 'PUT /api/v1/cases/:caseId/advisory': ['coordinator'],
  'POST /api/v1/cases/:caseId/advisory/schedule': ['coordinator'], 'POST /api/v1/cases/:caseId/advisory/unschedule': ['coordinator'],
  'POST /api/v1/cases/:caseId/advisory/revisions': ['coordinator'],
  // the public portal: everyone, but an advisory that is not yet public is found by nobody
  'GET /': ALL, 'GET /advisories': ALL, 'GET /rss/advisories.rdf': ALL, 'GET /api/v1/advisories': ALL,
  'GET /advisories/:slug': NONE, 'GET /api/v1/advisories/:identifier': NONE,
  // administration
  'GET /admin': ['admin'], 'GET /admin/outbox': ['admin'], 'GET /admin/outbox/:id': ['admin'], 'GET /admin/users': ['admin'],
  'POST /admin/invitations': ['admin'], 'POST /admin/invitations/:id/revoke': ['admin'],
  'GET /api/v1/admin/outbox': ['admin'], 'GET /api/v1/admin/outbox/:id': ['admin'], 'POST /api/v1/admin/invitations': ['admin'],
}
