// What the end-of-life feature exports for other features: the only file of end-of-life another feature may import.
export { creditJoinedFinders } from './advisory-redraft.js'
export { endOfLifePolicies } from './end-of-life.policies.js'
export { mailFindersOutcome } from './finder-outcome.mail.js'
