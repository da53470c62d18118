// What the uncontactable feature exports for other features: the only file of uncontactable another feature may import.
export { partyProgress } from './contact-policy.js'
export { uncontactableErrors } from './uncontactable.errors.js'
export { declareUncontactable } from './uncontactable.usecases.js'
