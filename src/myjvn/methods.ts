import type { MyJvnMethod } from './myjvn-method.js'
import { getVulnOverviewList } from './vuln-overview.js'
import { getVulnDetailInfo } from './vuln-detail.js'
import { getProductList, getVendorList } from './vendors-products.js'
import { getStatistics } from './statistics.js'

/**
 * The API's methods, by their `method=` name. getVendorList, getProductList (vendors-products.ts)
 * and getStatistics (statistics.ts) join this list beside the advisory methods.
 */
export const myjvnMethods: readonly MyJvnMethod[] = [
  getVulnOverviewList,
  getVulnDetailInfo,
  getVendorList,
  getProductList,
  getStatistics,
]
