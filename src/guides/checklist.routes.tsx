import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** The developer checklist: filling it in, the result (page, print, JSON), saved results. */
export const checklistRoutes = new Hono<AppEnv>()
