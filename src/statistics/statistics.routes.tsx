import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

export const statisticsRoutes = new Hono<AppEnv>()
