import { z } from 'zod'

/** `?container=cna`: only the CNA container (what `cve publish --json` submits); the whole record otherwise. */
export const recordQuerySchema = z.object({ container: z.enum(['record', 'cna']).default('record') })

/** `?state=`: which IDs of the pool to list. */
export const poolQuerySchema = z.object({ state: z.enum(['all', 'free', 'assigned']).default('free') })

/** Reserved IDs to add, as CVE Services printed them; each entry may also hold several lines. */
export const addCveIdsSchema = z.object({ cveIds: z.array(z.string().max(200)).min(1).max(2000) })

/** Which vulnerability gets the next free ID; without one, the first that has no CVE ID. */
export const assignCveIdSchema = z.object({ vulnerabilityId: z.string().min(1).max(100).optional() })
