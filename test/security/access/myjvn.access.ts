import { ALL, type AccessTable } from './access-types.js'

/** The MyJVN-compatible API is public, GET and POST alike; it serves only public advisories (myjvn-never-public.test.ts). */
export const myjvnAccess: AccessTable = {
  'GET /myjvn': ALL,
  'POST /myjvn': ALL,
}
