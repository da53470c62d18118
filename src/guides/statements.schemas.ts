import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { isoDateField } from '../platform/http/date-fields.js'

/** The database's rule for a statement's address (`/guides/statements/<slug>`). */
export const STATEMENT_SLUG = /^[a-z0-9][a-z0-9-]{2,62}$/

const optional = <S extends z.ZodType>(s: S) => z.preprocess(blankToUndefined, s.optional())
const note = z.preprocess((v) => (v === undefined ? '' : v), z.string().trim().max(2_000))

/** A web address people may follow: http or https only (never `javascript:` or `data:`). */
const webUrl = z.string().trim().max(500).refine((v) => {
  try {
    const u = new URL(v)
    return (u.protocol === 'https:' || u.protocol === 'http:') && Boolean(u.hostname)
  } catch {
    return false
  }
}, 'validation.url')

/** A product's public statement, as the form and its fields name it. */
export const statementSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(STATEMENT_SLUG, 'guides.statements.slug_format'),
  productName: z.string().trim().min(1).max(200),
  supportEndsOn: optional(isoDateField),
  supportNoteJa: note,
  supportNoteEn: note,
  contactUrl: optional(webUrl),
  contactEmail: optional(z.string().trim().max(254).email()),
  updateMethodJa: note,
  updateMethodEn: note,
  checklistResultId: optional(z.string().trim().max(100)),
}).superRefine((s, ctx) => {
  // security.txt needs at least one Contact: line, and buyers need somewhere to report.
  if (!s.contactUrl && !s.contactEmail) ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'guides.statements.contact_required' })
})
export type StatementInput = z.infer<typeof statementSchema>
