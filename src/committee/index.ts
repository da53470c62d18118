// What the committee feature exports for other features: the only file of committee another feature may import.
export { referToCommittee } from './committee.usecases.js'
export { withdrawActiveReferral } from './referrals.repository.js'
