// What the websites feature exports for other features: the only file of websites another feature may import.
export { bucketsFrom } from './long-running-buckets.js'
export { closeByAlert, operatorRecipients, reinviteOperator } from './website-cases.usecases.js'
