import type { Feature } from '../cases/case-sections.js'
import { duplicatesRoutes } from './duplicates.routes.js'
import { duplicatesOperations } from './duplicates.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const duplicatesFeature: Feature = { name: 'duplicates', routes: [duplicatesRoutes], openapi: duplicatesOperations }
