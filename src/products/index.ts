// What the product catalogue exports for other features: the only file of products another feature may import.
export { caseSupportEnd, governingProduct, recordSupportEndOnCase } from './support-end.js'
export type { CaseSupportEnd } from './support-end.js'
export { listCaseProducts, supportStatus } from './products.usecases.js'
export { productsPolicies } from './products.policies.js'
