import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** Administrators edit the checklist's items and levels; each save is a new version. */
export const checklistAdminRoutes = new Hono<AppEnv>()
