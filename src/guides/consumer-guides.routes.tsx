import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** The two consumer guides: choosing a connected product, and using it safely. */
export const consumerGuidesRoutes = new Hono<AppEnv>()
