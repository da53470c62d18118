import { z } from 'zod'
import { checkbox } from '../platform/http/validate.js'
import { OFFSET_UNITS, TIMER_KINDS } from './deadlines.model.js'

/** Pausing a clock needs a reason (DESIGN §7): `pauseTimer` refuses a blank one with its own code. */
export const pauseSchema = z.object({ reason: z.string().max(2000).optional() })

/** Where a page form returns to after pausing or resuming. */
export const returnToSchema = z.enum(['queue', 'case']).catch('queue')

const amount = z.coerce.number().int().min(0).max(3650)
const lead = z.coerce.number().int().min(0).max(60)

/** An administrator's change to a policy; the API takes any subset of the fields, at least one. */
export const policyChangeSchema = z.object({
  amount: amount.optional(),
  unit: z.enum(OFFSET_UNITS).optional(),
  reminderLeadBusinessDays: lead.optional(),
  enabled: z.boolean().optional(),
}).strict().refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Change at least one value.', path: ['_'] })
export type PolicyChange = { amount?: number; unit?: (typeof OFFSET_UNITS)[number]; reminderLeadBusinessDays?: number; enabled?: boolean }

/** The policy form sends every field; an unticked checkbox is simply absent. */
export const policyFormSchema = z.object({
  amount,
  unit: z.enum(OFFSET_UNITS),
  reminderLeadBusinessDays: lead,
  enabled: z.unknown().optional().transform(checkbox),
})

export const policyKindSchema = z.enum(TIMER_KINDS)

export const queueQuerySchema = z.object({ mine: z.string().optional() })
