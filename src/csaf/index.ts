// What the csaf feature exports for other features: the only file of csaf another feature may import.
export { PROVIDER_METADATA } from './csaf-files.js'
