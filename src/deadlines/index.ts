// What the deadlines feature exports for other features: the only file of deadlines another feature may import.
export { dueDateFor, loadDeadlinePolicy } from './deadline-policies.js'
export type { DeadlinePolicy } from './deadline-policies.js'
export type { OffsetUnit } from './deadlines.model.js'
export { openTimer, resolveTimers } from './timers.usecases.js'
