import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

export const priorityInformationRoutes = new Hono<AppEnv>()
