import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'

/** QR codes of guide pages, with a channel's tag, as SVG and PNG. */
export const qrRoutes = new Hono<AppEnv>()
