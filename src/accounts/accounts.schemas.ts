import { z } from 'zod'

export const email = z.string().trim().toLowerCase().email().max(254)
export const password = z.string().min(12, 'Use at least 12 characters.').max(200)

export const loginSchema = z.object({ email, password: z.string().min(1).max(200) })
export const registerSchema = z.object({
  email,
  password,
  displayName: z.string().trim().min(1).max(100),
  locale: z.enum(['ja', 'en']).default('ja'),
})
export const acceptInvitationSchema = z.object({
  email,
  password,
  displayName: z.string().trim().min(1).max(100),
})
/** API: a name, and optionally when the token stops working (an ISO 8601 time with its offset, in the future). */
export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
})

export type RegisterInput = z.infer<typeof registerSchema>
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>
