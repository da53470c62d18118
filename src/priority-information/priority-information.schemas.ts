import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { pgpPublicKeyField } from '../platform/mail/openpgp-keys.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { MAX_LEAD_BUSINESS_DAYS } from './provision-time.js'
import { SECTOR_KEYS } from './sectors.js'

/** A critical-infrastructure organisation: names and its sector. */
export const ciOrganizationSchema = acceptsLegacyPairs(z.object({
  name: bilingual({ max: 200 }),
  sector: z.enum(SECTOR_KEYS),
  website: z.preprocess(blankToUndefined, z.string().trim().url().max(500).optional()),
  pgpPublicKey: pgpPublicKeyField,
}), ['name'])
export type CiOrganizationInput = z.infer<typeof ciOrganizationSchema>

export const inviteMemberSchema = z.object({ email: z.string().trim().toLowerCase().email().max(254) })

/** Form fields arrive as a string or an array of strings (repeated checkboxes). */
const many = (max: number) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(max)).max(500))

/** Marking a case's advisory for provision: whole sectors and/or named organisations, and the lead time. */
export const markProvisionSchema = z.object({
  sectors: many(50).pipe(z.array(z.enum(SECTOR_KEYS))),
  organizationIds: many(100),
  leadBusinessDays: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_LEAD_BUSINESS_DAYS).optional()),
  /** Required when the case's publication is a committee decision (400 priority_information.committee_reason_required). */
  committeeDecisionReason: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()),
})
export type MarkProvisionInput = z.infer<typeof markProvisionSchema>
