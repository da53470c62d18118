import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** Outreach channels staff create, with their QR codes. */
export const channelsRoutes = new Hono<AppEnv>()
