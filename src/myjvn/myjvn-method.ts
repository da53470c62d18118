import type { DB } from '../platform/db/database.js'
import type { Translate } from '../platform/i18n/index.js'

/** The response format a request names: `hnd` (XML: JVNRSS / VULDEF / Result with status 3.3) or `oka` (JSON). */
export type MyJvnFeed = 'hnd' | 'oka'

/** What a method gets: the database (every advisory query starts at `publicAdvisories(db, now)`), the clock's now, the site's public URL, and the request. */
export type MyJvnContext = {
  db: DB
  now: Date
  baseUrl: string
  lang: 'ja' | 'en'
  feed: MyJvnFeed
  /** The request's parameters, GET query and POST form merged (the first value of each name), names case-sensitive as on the real API. */
  params: Record<string, string>
  /** Messages in the request's `lang` (errMsg texts, feed titles). */
  t: Translate
}

export type MyJvnResponse = { body: string; contentType: string }

/**
 * One method of the API (`method=` parameter). `run` answers both feeds; a bad parameter is a
 * thrown `MyJvnParamError`, which the dispatcher turns into the documented error response in the
 * requested feed. `hndEnvelope` is the root element that error response has in feed=hnd, as the
 * method's successful answer has it: `rdf` (JVNRSS, getVulnOverviewList), `vuldef`
 * (getVulnDetailInfo) or `results` (the others, results_3.3.xsd; the default).
 */
export type MyJvnMethod = {
  name: string
  run: (ctx: MyJvnContext) => Promise<MyJvnResponse>
  hndEnvelope?: 'rdf' | 'vuldef' | 'results'
}

/** A parameter the method refuses: retCd=1 with this code and message (already in the request's language). */
export class MyJvnParamError extends Error {
  constructor(readonly errCd: string, readonly errMsg: string) {
    super(`${errCd}: ${errMsg}`)
    this.name = 'MyJvnParamError'
  }
}

export const HND_CONTENT_TYPE = 'application/xml; charset=utf-8'
export const OKA_CONTENT_TYPE = 'application/json; charset=utf-8'
