// What the guides feature exports for other features: the only file of guides another feature may import.
export { guidesPolicies } from './guides.policies.js'
