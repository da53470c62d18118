// What the accounts feature exports for other features: the only file of accounts another feature may import.
export { createInvitation } from './invitations.js'
export { createApiToken, endSessionsOf } from './sessions.js'
export { forgetSecondFactor, isEnrolled } from './second-factor.js'
