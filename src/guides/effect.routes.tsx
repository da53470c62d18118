import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** The effect dashboard: views, QR scans, downloads, survey answers, ratings, subscriptions. */
export const effectRoutes = new Hono<AppEnv>()
