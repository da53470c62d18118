import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { isoDateField as isoDate, jstDateTimeField } from '../platform/http/date-fields.js'
import { vulnerabilityInputSchema } from '../advisories/index.js'
import { PRODUCT_TYPES, categoryKeys } from '../cases/categories.js'

const text = (max: number) => z.string().trim().min(1, 'Required.').max(max)
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/** A new vulnerability of the request: the advisory's vulnerability fields, without an id. */
const requestVulnerabilitySchema = vulnerabilityInputSchema.omit({ id: true })

const requestFields = {
  /** Who asked: CERT/CC, CISA, a vendor's PSIRT… */
  sourceName: text(200),
  /** Their reference, e.g. VU#123456. */
  sourceReference: text(100),
  receivedOn: isoDate,
  title: text(300),
  summary: text(20_000),
  productType: z.preprocess(blankToUndefined, z.enum(categoryKeys(PRODUCT_TYPES)).optional()),
  vulnerabilities: z.array(requestVulnerabilitySchema).min(1, 'validation.choose_at_least_one').max(100),
}

/** A coordination request as the API takes it; the agreed publication time carries its offset. */
export const coordinationRequestSchema = acceptsLegacyPairs(z.object({
  ...requestFields,
  agreedPublicationAt: z.preprocess(blankToUndefined, z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional()),
}), ['vulnerabilities[].title'])
export type CoordinationRequestInput = z.infer<typeof coordinationRequestSchema>

/** The same from the form: Japan time without an offset, and vulnerabilities as parallel columns. */
export const coordinationRequestFormSchema = z.object({
  ...requestFields,
  agreedPublicationAt: z.preprocess(blankToUndefined, jstDateTimeField.optional()),
})

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

/** Turns the form's parallel columns (`vulnTitleJa`, `vulnCveId`, …) into vulnerability objects; empty rows drop out. */
export function requestFromForm(form: Record<string, unknown>) {
  const cols = ['TitleJa', 'TitleEn', 'CveId', 'CweId', 'Cvss31Vector', 'Cvss40Vector'] as const
  const values = Object.fromEntries(cols.map((k) => [k, asList(form[`vuln${k}`])])) as Record<(typeof cols)[number], string[]>
  const rows = Math.max(...cols.map((k) => values[k].length))
  const vulnerabilities = []
  for (let i = 0; i < rows; i++) {
    const v = (k: (typeof cols)[number]) => values[k][i]?.trim() ?? ''
    if (cols.every((k) => v(k) === '')) continue
    vulnerabilities.push({
      title: { ja: v('TitleJa'), en: v('TitleEn') || v('TitleJa') }, cveId: v('CveId'), cweId: v('CweId'),
      cvss31Vector: v('Cvss31Vector'), cvss40Vector: v('Cvss40Vector'),
    })
  }
  const rest = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith('vuln')))
  return { ...rest, vulnerabilities }
}

/** One vendor to add: an existing organisation, or a new one (found again by name if it already exists). */
export const vendorEntrySchema = z.object({
  organizationId: optionalText(100),
  name: bilingual({ max: 200, ja: 'optional', en: 'optional' }).optional(),
  contact: z.object({
    name: text(200),
    email: z.string().trim().toLowerCase().email().max(254),
  }).optional(),
}).refine((v) => v.organizationId || v.name?.ja || v.name?.en, { message: 'Give an organizationId or a name.', path: ['name'] })
export type VendorEntry = z.infer<typeof vendorEntrySchema>

export const addVendorsSchema = acceptsLegacyPairs(z.object({ organizations: z.array(vendorEntrySchema).min(1, 'validation.choose_at_least_one').max(300) }), ['organizations[].name'])

/**
 * The bulk form: picked organisations (`organizationId`, repeated) plus pasted lines
 * `名称 | Name | e-mail` (tab also separates; name in English and address optional).
 */
export function vendorsFromForm(form: Record<string, unknown>): { organizations: unknown[] } {
  const picked = asList(form.organizationId).filter((id) => id.trim()).map((organizationId) => ({ organizationId }))
  const lines = String(form.newOrganizations ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  const created = lines.map((line) => {
    const [nameJa = '', nameEn = '', email = ''] = line.split(/\s*[|\t]\s*/)
    return { name: { ja: nameJa, en: nameEn || nameJa }, ...(email ? { contact: { name: 'PSIRT', email } } : {}) }
  })
  return { organizations: [...picked, ...created] }
}

export const VENDOR_FILTERS = ['all', 'not_notified', 'no_answer', 'affected', 'fixed'] as const
export type VendorFilter = (typeof VENDOR_FILTERS)[number]

export const matrixQuerySchema = z.object({
  filter: z.preprocess(blankToUndefined, z.enum(VENDOR_FILTERS).default('all')),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).optional()),
})
