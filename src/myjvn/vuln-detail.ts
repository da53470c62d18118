import type { MyJvnMethod } from './myjvn-method.js'

export const getVulnDetailInfo: MyJvnMethod = {
  name: 'getVulnDetailInfo',
  hndEnvelope: 'vuldef',
  run: async () => { throw new Error('not yet') },
}
