import type { Operation } from '../platform/http/openapi-operation.js'
import { array, named, nullable, object, oneOfStrings, optional, string } from '../platform/http/openapi-schema.js'

const event = object({ introduced: optional(string()), fixed: optional(string()), last_affected: optional(string()) }, { minProperties: 1, maxProperties: 1 })

/** An OSV record (https://ossf.github.io/osv-schema/); the tests check the answers against the OSV schema itself too. */
const osvRecord = named('OsvRecord', object({
  schema_version: string({ examples: ['1.7.5'] }),
  id: string({ examples: ['x_JVN-12345678'], description: 'x_ (a database OSV.dev does not aggregate) and the JVN identifier, # written as -' }),
  modified: string({ format: 'date-time' }),
  published: string({ format: 'date-time' }),
  aliases: optional(array(string({ examples: ['CVE-2026-10001'] }))),
  summary: string(),
  details: string({ description: 'Markdown, in English (Japanese where no English was given)' }),
  severity: optional(array(object({ type: oneOfStrings(['CVSS_V3', 'CVSS_V4']), score: string({ description: 'The CVSS vector' }) }))),
  affected: array(object({
    package: object({ ecosystem: string({ examples: ['npm', 'PyPI', 'Maven'] }), name: string(), purl: optional(string()) }),
    ranges: optional(array(object({ type: oneOfStrings(['SEMVER', 'ECOSYSTEM']), events: array(event) }))),
    versions: optional(array(string())),
    database_specific: optional(object({ developer: string(), product: string(), versions: optional(string()) })),
  }), { minItems: 1 }),
  references: array(object({ type: oneOfStrings(['ADVISORY', 'WEB']), url: string({ format: 'uri' }) })),
  credits: optional(array(object({ name: string(), type: oneOfStrings(['FINDER']) }))),
  database_specific: object({
    jvn_identifier: string({ examples: ['JVN#12345678'] }), jvndb_id: nullable(string()), url: string({ format: 'uri' }),
    severity: nullable(string()), cwe_ids: array(string()),
  }),
}))

/** The OSV operations of /api/v1, for the OpenAPI document. */
export const osvOperations: readonly Operation[] = [
  {
    method: 'get', path: '/api/v1/advisories/{identifier}/osv', tag: 'public', auth: 'none',
    summary: 'The OSV record of a published advisory that names a package, e.g. JVN12345678 (404 osv.no_package when it names none)',
    response: { status: 200, schema: osvRecord },
  },
]
