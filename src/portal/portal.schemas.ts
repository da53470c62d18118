import { z } from 'zod'
import type { CvssSeverity, SearchSort } from '../advisories/index.js'
import { CWE_ID } from '../advisories/index.js'

export const SEVERITIES: CvssSeverity[] = ['critical', 'high', 'medium', 'low', 'none']

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The portal's list query: search words, filters (CWE, severity, developer, product, year), sort, page. */
export const listQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
  cwe: z.preprocess(blank, z.string().trim().toUpperCase().regex(CWE_ID, 'validation.cwe_id').optional()),
  severity: z.preprocess(blank, z.enum(['critical', 'high', 'medium', 'low', 'none']).optional()),
  developer: z.preprocess(blank, z.string().trim().max(100).optional()),
  product: z.preprocess(blank, z.string().trim().max(100).optional()),
  year: z.preprocess(blank, z.coerce.number().int().min(1990).max(2100).optional()),
  sort: z.preprocess(blank, z.enum(['date', 'relevance']).default('date')),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export type ListQuery = {
  q?: string | undefined; cwe?: string | undefined; severity?: CvssSeverity | undefined; developer?: string | undefined; product?: string | undefined
  year?: number | undefined; sort?: SearchSort; page: number
}

/** The query parameters as typed, for a form shown again after a bad value (each one a string, or absent). */
export const rawListQuery = (query: Record<string, string>): Record<string, string> =>
  Object.fromEntries(['q', 'cwe', 'severity', 'developer', 'product', 'year', 'sort'].flatMap((k) => (typeof query[k] === 'string' ? [[k, query[k]!.slice(0, 200)]] : [])))

export const apiListQuerySchema = listQuerySchema.extend({
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(20)),
})
