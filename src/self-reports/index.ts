// What the self-reports feature exports for other features: the only file of self-reports another feature may import.
export { selfReportsPolicies } from './self-reports.policies.js'
export { findSelfReportByCase } from './self-reports.repository.js'
export { SelfReportDetails } from './self-reports.views.js'
