import type { MyJvnMethod } from './myjvn-method.js'

export const getVulnOverviewList: MyJvnMethod = {
  name: 'getVulnOverviewList',
  hndEnvelope: 'rdf',
  run: async () => { throw new Error('not yet') },
}
