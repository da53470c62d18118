import type { Ctx } from '../platform/http/context.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { coordinationRequestsPolicies } from './coordination-requests.policies.js'

/** The coordinator of the case in the path, for the vendor matrix; everyone else 404. */
export const vendorManagerOf = (c: Ctx) => allowedOnCase(c, coordinationRequestsPolicies.manageVendors)
