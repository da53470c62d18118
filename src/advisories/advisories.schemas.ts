import { z } from 'zod'
import { jstDateTimeField } from '../platform/http/date-fields.js'
import { acceptsLegacyPairs, bilingual, bilingualName } from '../platform/http/bilingual.js'
import { affectedPackageSchema } from './packages.js'

/** Blank strings and null count as "not given", so optional fields stay optional in forms and JSON alike. */
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v)
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blank, schema.optional())

const text = (max: number) => z.string().trim().max(max)
const localized = (max: number) => z.object({ ja: text(max).default(''), en: text(max).default('') })
const required = (max: number) => z.object({ ja: text(max).min(1, 'Required.'), en: text(max).min(1, 'Required.') })

export const CVE_ID = /^CVE-\d{4}-\d{4,7}$/
export const CWE_ID = /^CWE-[1-9]\d{0,5}$/
// CPE 2.3 formatted strings (11 components after the prefix, `\:` escapes allowed) or CPE 2.2 URIs, as JVN publishes.
const CPE = /^(cpe:2\.3:[aho*-](:(?:\\.|[^:\\\s])+){10}|cpe:\/[aho](:[^:\s]*){0,6})$/

/** Only web links: a `javascript:` or `data:` URL in a reference would run in readers' browsers. */
export const webUrl = z.string().trim().max(2000).refine((v) => {
  if (!/^https?:\/\/[^\s<>"]+$/i.test(v)) return false
  try { return ['http:', 'https:'].includes(new URL(v).protocol) } catch { return false }
}, 'Must be an http(s) URL.')

export const vulnerabilityInputSchema = z.object({
  /** An existing vulnerability of the case to update; without it a new one is added. */
  id: optional(z.string().max(100)),
  title: bilingual({ max: 300 }),
  cveId: optional(text(30).regex(CVE_ID, 'validation.cve_id')),
  cweId: optional(text(20).regex(CWE_ID, 'validation.cwe_id')),
  // Vector syntax is checked by cvss.ts, which answers with `advisories.invalid_cvss`.
  cvss31Vector: optional(text(200)),
  cvss40Vector: optional(text(200)),
})

/**
 * Developer and product names in Japanese and English; the English may be left empty (a proper
 * name with no English form), and pages then show the Japanese marked as such. A bare string, the
 * shape before names were bilingual, is still taken: the Japanese, and the English when ASCII.
 */
export const affectedProductSchema = z.object({
  developer: bilingualName(z.object({ ja: text(200).min(1, 'Required.'), en: text(200).default('') })),
  product: bilingualName(z.object({ ja: text(200).min(1, 'Required.'), en: text(200).default('') })),
  versions: bilingualName(localized(1000)).default({ ja: '', en: '' }),
  cpe: optional(text(300).regex(CPE, 'Not a CPE name.')),
  /** An open-source package (ecosystem + name, or a purl) with its affected ranges: what the OSV record lists. */
  package: affectedPackageSchema,
})

export const referenceSchema = z.object({ title: text(300).min(1, 'Required.'), url: webUrl })

/** What a coordinator writes: the advisory text plus the case's vulnerabilities. */
export const advisoryDraftSchema = acceptsLegacyPairs(z.object({
  title: required(300),
  overview: localized(20_000),
  description: localized(50_000),
  impact: localized(20_000),
  solution: localized(20_000),
  affectedProducts: z.array(affectedProductSchema).max(200).default([]),
  references: z.array(referenceSchema).max(100).default([]),
  /** Report ids of the finders to credit; left out, every finder who consented is credited. */
  credits: z.array(z.string().max(100)).max(100).optional(),
  vulnerabilities: z.array(vulnerabilityInputSchema).max(100).default([]),
}), ['vulnerabilities[].title'])
export type AdvisoryDraftInput = z.infer<typeof advisoryDraftSchema>
export type VulnerabilityInput = z.infer<typeof vulnerabilityInputSchema>

export const scheduleApiSchema = z.object({
  publishAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
  reason: optional(text(2000)),
})

/** `<input type="datetime-local">` sends Japan time without an offset; Japan has no daylight saving. */
export const scheduleFormSchema = z.object({
  publishAt: jstDateTimeField,
  reason: optional(text(2000)),
})
export type ScheduleInput = { publishAt: Date; reason?: string | undefined }

export const reviseSchema = acceptsLegacyPairs(z.object({
  note: bilingual({ max: 2000 }),
  advisory: advisoryDraftSchema.optional(),
}), ['note', 'advisory.vulnerabilities[].title'])
export type ReviseInput = z.infer<typeof reviseSchema>
