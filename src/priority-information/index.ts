/** What other features may use of priority information (features import one another only through here). */
export { SECTORS } from './sectors.js'
