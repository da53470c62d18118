import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** Registering for update notices: double opt-in, one-click unsubscribe. */
export const noticesRoutes = new Hono<AppEnv>()
