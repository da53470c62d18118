import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** Downloads of the guides, after an optional one-question survey. */
export const downloadsRoutes = new Hono<AppEnv>()
