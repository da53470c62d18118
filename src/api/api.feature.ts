import type { Feature } from '../cases/case-sections.js'
import { apiDocsRoutes } from './openapi.routes.js'

/** The OpenAPI document of /api/v1, listing every feature's operations. */
export const apiFeature: Feature = { name: 'api', routes: [apiDocsRoutes] }
