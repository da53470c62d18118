import { caseRoutes } from './case.routes.js'
import { casesMessages } from './cases.messages.js'
import { casesOperations } from './cases.openapi.js'
import type { Feature } from './case-sections.js'
import { policies } from '../policies/policies.js'

/** The case kernel's own pages (case page, threads, attachments) and messages, plugged in like any feature. */
export const casesFeature: Feature = { name: 'cases', routes: [caseRoutes], messages: casesMessages, openapi: casesOperations, policies }
