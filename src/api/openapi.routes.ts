import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../platform/http/context.js'
import { loginSchema, createTokenSchema } from '../accounts/accounts.schemas.js'
import { productReportSchema, acceptSchema, rejectSchema } from '../intake/intake.schemas.js'
import { classificationSchema, addPartySchema, contactAttemptSchema, contactSchema, notifySchema, organizationSchema, responseSchema, vulnerabilityStatusSchema } from '../coordination/coordination.schemas.js'
import { messageSchema } from '../cases/threads.js'
import { inviteStaffSchema } from '../admin/admin.schemas.js'
import { advisoryDraftSchema, reviseSchema, scheduleApiSchema } from '../advisories/advisories.schemas.js'

import type { Operation } from './operation.js'
import { deadlinesOperations } from '../deadlines/deadlines.openapi.js'
import { uncontactableOperations } from '../uncontactable/uncontactable.openapi.js'
import { committeeOperations } from '../committee/committee.openapi.js'
import { endOfLifeOperations } from '../end-of-life/end-of-life.openapi.js'
import { coordinationRequestsOperations } from '../coordination-requests/coordination-requests.openapi.js'
import { priorityInformationOperations } from '../priority-information/priority-information.openapi.js'
import { selfReportsOperations } from '../self-reports/self-reports.openapi.js'
import { websitesOperations } from '../websites/websites.openapi.js'
import { longRunningOperations } from '../websites/long-running.openapi.js'
import { alertsOperations } from '../alerts/alerts.openapi.js'
import { statisticsOperations } from '../statistics/statistics.openapi.js'

/** Every /api/v1 operation. The OpenAPI document is generated from this list and the Zod schemas the routes validate with. */
export const operations: Operation[] = [
  ...deadlinesOperations,
  ...uncontactableOperations,
  ...committeeOperations,
  ...endOfLifeOperations,
  ...coordinationRequestsOperations,
  ...priorityInformationOperations,
  ...selfReportsOperations,
  ...websitesOperations,
  ...longRunningOperations,
  ...alertsOperations,
  ...statisticsOperations,

  { method: 'post', path: '/api/v1/session', summary: 'Sign in; sets the session cookie and returns the CSRF token for cookie-authenticated writes', tag: 'accounts', body: loginSchema, auth: 'none' },
  { method: 'post', path: '/api/v1/session/second-factor', summary: 'Give the TOTP code after signing in (staff and committee)', tag: 'accounts', body: z.object({ code: z.string() }), auth: 'user' },
  { method: 'delete', path: '/api/v1/session', summary: 'Sign out', tag: 'accounts', auth: 'user' },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in user', tag: 'accounts', auth: 'user' },
  { method: 'post', path: '/api/v1/tokens', summary: 'Create a personal API token (shown once)', tag: 'accounts', body: createTokenSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/reports', summary: 'File a software-product report (JSON, or multipart/form-data with `attachments`)', tag: 'intake', body: productReportSchema, auth: 'optional' },
  { method: 'get', path: '/api/v1/tracking/{token}', summary: "A finder's report status by its secret tracking token", tag: 'intake', auth: 'none' },
  { method: 'get', path: '/api/v1/my/reports', summary: "The signed-in finder's reports", tag: 'intake', auth: 'user' },
  { method: 'get', path: '/api/v1/intake/queue', summary: 'Reports awaiting an intake decision (intake staff)', tag: 'intake', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/accept', summary: '受理: accept a report (intake staff)', tag: 'intake', body: acceptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/reject', summary: '不受理: reject a report with a reason (intake staff)', tag: 'intake', body: rejectSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/cases/{caseId}', summary: 'A case as the caller may see it (staff, notified developer)', tag: 'cases', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/developer/{partyId}/messages', summary: 'Post to the coordinator ⇄ developer thread', tag: 'cases', body: messageSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/finder/{reportId}/messages', summary: 'Post to the staff ⇄ finder thread', tag: 'cases', body: messageSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/coordination/cases', summary: 'Product cases in coordination (coordinators; ?mine=1)', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/classification', summary: 'Set product type and cause (intake or coordinators)', tag: 'coordination', body: classificationSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/take', summary: 'Take a case as its coordinator', tag: 'coordination', auth: 'user' },
  { method: 'get', path: '/api/v1/organizations', summary: 'Developer organisations', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/organizations', summary: 'Register a developer organisation', tag: 'coordination', body: organizationSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/organizations/{id}', summary: 'An organisation with contacts and members', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/organizations/{id}/contacts', summary: 'Add a contact to an organisation', tag: 'coordination', body: contactSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties', summary: 'Add a developer organisation to a case', tag: 'coordination', body: addPartySchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/contact-attempts', summary: 'Log a contact attempt', tag: 'coordination', body: contactAttemptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/notify', summary: 'Send the notification (records the 起算日)', tag: 'coordination', body: notifySchema, auth: 'user' },
  { method: 'get', path: '/api/v1/my/cases', summary: "The cases the caller's organisation was notified of", tag: 'developer', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/acknowledge', summary: 'Acknowledge the notification (developer)', tag: 'developer', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/response', summary: 'Answer vulnerable / not vulnerable with statement, fix plan and date (developer)', tag: 'developer', body: responseSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/vulnerability-statuses', summary: 'Set the status for one vulnerability (developer)', tag: 'developer', body: vulnerabilityStatusSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/cases/{caseId}/advisory', summary: 'The advisory draft of a case (coordinators)', tag: 'advisories', auth: 'user' },
  { method: 'put', path: '/api/v1/cases/{caseId}/advisory', summary: 'Save the advisory draft with its vulnerabilities (coordinators)', tag: 'advisories', body: advisoryDraftSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/schedule', summary: 'Schedule or move publication (coordinators)', tag: 'advisories', body: scheduleApiSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/revisions', summary: 'Revise a published advisory (coordinators)', tag: 'advisories', body: reviseSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/advisories', summary: 'Published advisories, newest first (?q= search)', tag: 'public', auth: 'none' },
  { method: 'get', path: '/api/v1/advisories/{identifier}', summary: 'One published advisory, e.g. JVN12345678', tag: 'public', auth: 'none' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/unschedule', summary: 'Take a scheduled advisory back to draft (coordinators)', tag: 'advisories', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/outbox', summary: 'The mail outbox, secrets in links masked (administrators)', tag: 'admin', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/outbox/{id}', summary: 'One outbox mail (administrators)', tag: 'admin', auth: 'user' },
  { method: 'post', path: '/api/v1/admin/invitations', summary: 'Invite a staff member (administrators)', tag: 'admin', body: inviteStaffSchema, auth: 'user' },
]

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string', examples: ['request.invalid', 'coordination.invalid_transition'] }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
}

/** The OpenAPI 3.1 document for /api/v1. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      security: op.auth === 'user' ? [{ bearer: [] }, { session: [] }] : op.auth === 'optional' ? [{}, { bearer: [] }, { session: [] }] : [],
      responses: {
        '200': { description: 'OK' },
        '400': { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
        '401': { description: 'Not signed in', content: { 'application/json': { schema: errorSchema } } },
        '404': { description: 'Not found, or not yours to see', content: { 'application/json': { schema: errorSchema } } },
        '409': { description: 'Not allowed in the current state', content: { 'application/json': { schema: errorSchema } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'keikai API', version: '1', description: 'Coordinated vulnerability disclosure: reports, intake, coordination, advisories. Authenticate with `Authorization: Bearer <token>` (create one at /account) or with the session cookie plus the `X-CSRF-Token` header for writes.' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
        session: { type: 'apiKey', in: 'cookie', name: 'keikai_session' },
      },
    },
    paths,
  }
}

export const apiDocsRoutes = new Hono<AppEnv>()
apiDocsRoutes.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(c.var.deps.config.publicUrl)))
