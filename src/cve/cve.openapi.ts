import type { Operation } from '../platform/http/openapi-operation.js'
import { array, id, integer, nullable, object, oneOfStrings, string, timestamp } from '../platform/http/openapi-schema.js'
import { addCveIdsSchema, assignCveIdSchema } from './cve.schemas.js'

const tag = 'cve'

/** A CVE JSON 5 record or CNA container: the official schema (CVE_JSON_bundled_5.1.1) is its contract, not repeated here. */
const cveJson = { type: 'object', description: 'CVE JSON 5.1 (CVE Record Format 5.1.1): the whole record, or with ?container=cna only its CNA container (containers.cna), as cvelib `cve publish --json` takes it' }

const poolEntry = object({
  cveId: string({ pattern: '^CVE-[0-9]{4}-[0-9]{4,19}$' }),
  state: oneOfStrings(['free', 'assigned', 'in_use']),
  reservedAt: timestamp,
  caseId: nullable(id),
  vulnerabilityId: nullable(id),
  assignedAt: nullable(timestamp),
})
const cveIdList = array(string())

/** The /api/v1 operations of the CVE feature, merged into the OpenAPI document. */
export const cveOperations: Operation[] = [
  { method: 'get', path: '/api/v1/advisories/{identifier}/cve/{cveId}', summary: 'The CVE JSON 5 record of one CVE of a public advisory (?container=cna: the CNA container only); 404 unless the advisory is public and names the CVE', tag, auth: 'none', response: { status: 200, schema: cveJson } },
  { method: 'get', path: '/api/v1/cve-ids', summary: 'The pool of reserved CVE IDs (?state=free|assigned|all, default free) with the number free (coordinators, administrators)', tag, auth: 'user', response: { status: 200, schema: object({ free: integer({ minimum: 0 }), items: array(poolEntry) }) } },
  { method: 'post', path: '/api/v1/cve-ids', summary: 'Add reserved CVE IDs to the pool; IDs already there are reported in duplicates, a line that is not a CVE ID refuses the whole request (400 cve.invalid_lines) (coordinators, administrators)', tag, body: addCveIdsSchema, auth: 'user', response: { status: 200, schema: object({ added: cveIdList, duplicates: cveIdList, free: integer({ minimum: 0 }) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/cve-ids', summary: "Give a vulnerability of the case (vulnerabilityId, else the first without one) the next free reserved CVE ID, in one transaction; 409 cve.pool_empty, cve.already_assigned, cve.nothing_to_assign or cve.not_editable (the case's coordinators)", tag, body: assignCveIdSchema, auth: 'user', response: { status: 200, schema: object({ cveId: string(), vulnerabilityId: id }) } },
]
