import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** A developer organisation's public statement for a product, and its editing. */
export const statementsRoutes = new Hono<AppEnv>()
