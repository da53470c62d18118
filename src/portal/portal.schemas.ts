import { z } from 'zod'
import type { CvssSeverity } from '../advisories/index.js'
import { CWE_ID } from '../advisories/index.js'

export const SEVERITIES: CvssSeverity[] = ['critical', 'high', 'medium', 'low', 'none']

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The portal's list query: search words, CWE and severity filters, page. */
export const listQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
  cwe: z.preprocess(blank, z.string().trim().toUpperCase().regex(CWE_ID, 'validation.cwe_id').optional()),
  severity: z.preprocess(blank, z.enum(['critical', 'high', 'medium', 'low', 'none']).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export type ListQuery = { q?: string | undefined; cwe?: string | undefined; severity?: CvssSeverity | undefined; page: number }

export const apiListQuerySchema = listQuerySchema.extend({
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(20)),
})
