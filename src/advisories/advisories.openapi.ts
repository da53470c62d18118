import type { Operation } from '../platform/http/openapi-operation.js'
import { z } from 'zod'
import { array, boolean, id, integer, named, nullable, number, object, optional, optionalBilingualText, string, timestamp } from '../platform/http/openapi-schema.js'
import { advisoryContent, revision } from '../cases/cases.openapi.js'
import { advisoryDraftSchema, reviseSchema, scheduleApiSchema } from './advisories.schemas.js'

/** An affected product's package as stored (the OSV record's source); the body's `package` takes the same, or a purl alone. */
const affectedPackage = named('AffectedPackage', object({
  ecosystem: string({ examples: ['npm', 'PyPI', 'Maven'], description: 'An OSV ecosystem' }), name: string(), purl: nullable(string({ examples: ['pkg:npm/%40example/parser'] })),
  ranges: array(object({ introduced: string({ description: '"0": from the first version' }), fixed: nullable(string()), lastAffected: nullable(string()) })),
  versions: array(string()),
}))

/** What the advisory editor works on: the draft (or published) advisory, the case's vulnerabilities, finders and vendor statements. */
const advisoryEditor = named('AdvisoryEditor', object({
  caseStatus: string(),
  advisory: nullable(object({
    id, identifier: nullable(string()), status: string({ examples: ['draft', 'scheduled', 'published'] }), isPublic: boolean(),
    publishAt: nullable(timestamp), publishedAt: nullable(timestamp), updatedAt: timestamp,
    content: object({
      credits: array(object({ name: string(), reportId: id })), creditsChosen: boolean(),
      affectedProducts: array(object({ package: optional(affectedPackage) })),
    }, { allOf: [advisoryContent] }),
    revisions: array(revision),
  })),
  vulnerabilities: array(object({
    id, position: integer(), title: optionalBilingualText, cveId: nullable(string()), cweId: nullable(string()),
    cvss31Vector: nullable(string()), cvss31Score: nullable(number()), cvss40Vector: nullable(string()), cvss40Score: nullable(number()),
  })),
  finders: array(object({ reportId: id, receiptNumber: string(), name: nullable(string()), consentCredit: boolean() })),
  vendorStatements: array(object({ developer: optionalBilingualText, statement: optionalBilingualText, statuses: array(object({ position: integer(), cveId: nullable(string()), status: string() })) })),
}))

/** The advisories operations of /api/v1, for the OpenAPI document. */
export const advisoriesOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}/advisory', summary: 'The advisory draft of a case (coordinators)', tag: 'advisories', auth: 'user', response: { status: 200, schema: advisoryEditor } },
  { method: 'put', path: '/api/v1/cases/{caseId}/advisory', summary: 'Save the advisory draft with its vulnerabilities (coordinators)', tag: 'advisories', body: advisoryDraftSchema, auth: 'user', response: { status: 200, schema: advisoryEditor } },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/schedule', summary: 'Schedule or move publication (coordinators)', tag: 'advisories', body: scheduleApiSchema, auth: 'user', response: { status: 200, schema: object({ advisoryId: id, identifier: string(), publishAt: timestamp }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/revisions', summary: 'Revise a published advisory (coordinators)', tag: 'advisories', body: reviseSchema, auth: 'user', response: { status: 201, schema: object({ advisoryId: id, revisionId: id }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/unschedule', summary: 'Take a scheduled advisory back to draft, with a reason (coordinators)', tag: 'advisories', body: z.object({ reason: z.string().trim().min(1).max(2000) }), auth: 'user', response: { status: 200, schema: advisoryEditor } },
]
