import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** The JVNDB RSS feeds are public: everyone reads them (they carry public advisories only; see myjvn-catalog-never-public.test.ts). */
export const jvndbFeedsAccess: AccessTable = {
  'GET /rss/jvndb_new.rdf': ALL,
  'GET /rss/jvndb.rdf': ALL,
  'GET /rss/years/:jvndbYearFile': ALL,
}

/** The year feed of the matrix's year (its clock stands in 2026). */
export const jvndbFeedsSeed: AccessSeed = async () => ({ jvndbYearFile: 'jvndb_2026.rdf' })
