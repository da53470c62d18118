import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** A guide page's 1–5 star rating with an optional comment. */
export const ratingsRoutes = new Hono<AppEnv>()
