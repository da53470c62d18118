import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

export const endOfLifeRoutes = new Hono<AppEnv>()
