import type { Operation } from '../platform/http/openapi-operation.js'
import { addVendorsSchema, coordinationRequestSchema } from './coordination-requests.schemas.js'
import { vendorAnswerSchema } from './vendor-answer.js'
import { agreedDateSchema } from './agreed-date.js'

/** The /api/v1 operations of coordination-requests, merged into the OpenAPI document. */
export const coordinationRequestsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/coordination-requests', summary: 'Coordination requests from overseas CSIRTs and vendors, with vendor progress (coordinators)', tag: 'coordination-requests', auth: 'user' },
  { method: 'post', path: '/api/v1/coordination-requests', summary: 'Open a JVNVU# case from a coordination request: source, reference, dates, vulnerabilities (coordinators)', tag: 'coordination-requests', body: coordinationRequestSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/cases/{caseId}/vendors', summary: 'The vendor matrix: each organisation × vulnerability status, notification, last contact, statement (?filter=not_notified|no_answer|affected|fixed&page=&pageSize=)', tag: 'coordination-requests', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors', summary: 'Add many organisations at once; new ones by name with a contact (coordinators)', tag: 'coordination-requests', body: addVendorsSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/notify', summary: 'Notify every organisation not yet notified that has a contact (coordinators)', tag: 'coordination-requests', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/remind', summary: 'Remind every notified organisation that has not answered (a mail pointer each)', tag: 'coordination-requests', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/{partyId}/answer', summary: "Record a notified vendor's answer on its behalf: response, statements, statuses per vulnerability, and the source (coordinators)", tag: 'coordination-requests', body: vendorAnswerSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/coordination-request/agreed-date', summary: 'Change the publication time agreed with the requester, with a reason (logged) (coordinators)', tag: 'coordination-requests', body: agreedDateSchema, auth: 'user' },
]
