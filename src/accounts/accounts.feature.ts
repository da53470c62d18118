import type { Feature } from '../cases/case-sections.js'
import { accountsRoutes } from './accounts.routes.js'
import { secondFactorRoutes } from './second-factor.routes.js'
import { passwordResetRoutes } from './password-reset.routes.js'
import { accountsMessages } from './accounts.messages.js'
import { accountsOperations } from './accounts.openapi.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const accountsFeature: Feature = {
  name: 'accounts',
  routes: [accountsRoutes, secondFactorRoutes, passwordResetRoutes],
  messages: accountsMessages,
  openapi: accountsOperations,
}
