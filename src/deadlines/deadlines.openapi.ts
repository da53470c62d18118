import type { Operation } from '../platform/http/openapi-operation.js'
import { anyValue, array, bilingualText, boolean, date, id, integer, named, nullable, object, optional, string, timestamp } from '../platform/http/openapi-schema.js'
import { pauseSchema, policyChangeSchema } from './deadlines.schemas.js'

/** A running or ended deadline of a case, with business days left or overdue. */
const timer = named('Deadline', object({
  id, caseId: id, caseTitle: string(), receiptNumber: nullable(string()), kind: string(), label: bilingualText,
  dueAt: timestamp, dueDate: date, overdue: boolean(),
  businessDaysLeft: nullable(integer({ description: 'Business days after today up to the due day (0: due today); null when overdue' })),
  businessDaysOverdue: nullable(integer()),
  paused: nullable(object({ at: timestamp, reason: string() })), remindedAt: nullable(timestamp), overdueNotifiedAt: nullable(timestamp),
  resolved: nullable(object({ at: timestamp, resolution: string() })),
}))
const policy = named('DeadlinePolicy', object({
  kind: string(), label: bilingualText, labelJa: optional(string({ deprecated: true })), labelEn: optional(string({ deprecated: true })),
  baseEvent: string(), direction: string(), amount: integer(), unit: string({ examples: ['business_days', 'calendar_days'] }),
  reminderLeadBusinessDays: integer(), enabled: boolean(), updatedAt: timestamp,
}))
const policyChange = object({ id, kind: string(), changedAt: timestamp, changedBy: string(), previous: anyValue('The policy before'), next: anyValue('The policy after') })

/** The /api/v1 operations of deadlines, merged into the OpenAPI document. */
export const deadlinesOperations: Operation[] = [
  { method: 'get', path: '/api/v1/deadlines', summary: 'Running deadlines, soonest due first, with business days left or overdue (intake staff and coordinators; ?mine=1)', tag: 'deadlines', auth: 'user', response: { status: 200, schema: object({ timers: array(timer) }) } },
  { method: 'get', path: '/api/v1/cases/{caseId}/deadlines', summary: "A case's deadlines, running and ended (staff of the case)", tag: 'deadlines', auth: 'user', response: { status: 200, schema: object({ timers: array(timer) }) } },
  { method: 'post', path: '/api/v1/deadlines/{timerId}/pause', summary: 'Pause a deadline; a reason is required and logged on the case', tag: 'deadlines', body: pauseSchema, auth: 'user', response: { status: 200, schema: object({ timer }) } },
  { method: 'post', path: '/api/v1/deadlines/{timerId}/resume', summary: 'Resume a paused deadline; its due date moves by the paused span', tag: 'deadlines', auth: 'user', response: { status: 200, schema: object({ timer }) } },
  { method: 'get', path: '/api/v1/deadlines/policies', summary: 'Deadline policies and their change log (administrators)', tag: 'deadlines', auth: 'user', response: { status: 200, schema: object({ policies: array(policy), changes: array(policyChange) }) } },
  { method: 'put', path: '/api/v1/deadlines/policies/{policyKind}', summary: 'Change a deadline policy: length, unit, reminder lead time, enabled (administrators; logged)', tag: 'deadlines', body: policyChangeSchema, auth: 'user', response: { status: 200, schema: object({ policy }) } },
]
