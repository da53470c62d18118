import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { parsedForm } from '../platform/http/validate.js'
import { publicCache } from '../platform/http/page-cache.js'
import { translator } from '../platform/i18n/index.js'
import { myjvnMethods } from './methods.js'
import { HND_CONTENT_TYPE, MyJvnParamError, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnFeed, type MyJvnMethod } from './myjvn-method.js'
import { COMMON_PREFIX, paramError, param, readLang } from './params.js'
import { statusJson, type StatusFields } from './status.js'
import { jvnrssChannel, jvnrssDocument, resultDocument, vuldefDocument } from './envelopes.js'

/**
 * The MyJVN-compatible API (MyJVN/np docs/): one URL, `/myjvn`, GET or POST with form-encoded
 * parameters, `method=` choosing the method and `feed=` the format (hnd: XML, oka: JSON). Every
 * answer carries the MyJVN status; a refused parameter is retCd=1 with errCd/errMsg in the
 * requested format (HTTP 200, as the real API answers), never an HTTP error. Public data only:
 * each method starts from `publicAdvisories(db, now)`.
 */
export const myjvnRoutes = new Hono<AppEnv>()

const byName = new Map<string, MyJvnMethod>()
const methodNamed = (name: string) => {
  if (byName.size === 0) for (const m of myjvnMethods) byName.set(m.name, m)
  return byName.get(name)
}

/** The first value of each parameter (a repeated parameter counts once, as the real API reads it); files are ignored. */
function firstValues(source: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [name, value] of Object.entries(source)) {
    const first = Array.isArray(value) ? value[0] : value
    if (typeof first === 'string') out[name] = first
  }
  return out
}

// Short-lived caching only: a cached answer may show an advisory late, never early.
const CACHE = 'public, max-age=60'

async function answer(c: Ctx, params: Record<string, string>) {
  const deps = c.var.deps
  const base = { db: deps.db, now: deps.clock.now(), baseUrl: deps.config.publicUrl, params }
  // Before the method is known, errors speak Japanese (the API's default) unless lang=en is plainly asked for.
  const guessLang = params['lang'] === 'en' ? 'en' : 'ja'
  const feed: MyJvnFeed = params['feed'] === 'oka' ? 'oka' : 'hnd'
  const methodName = param({ params }, 'method') ?? ''
  const method = methodNamed(methodName)
  let ctx: MyJvnContext = { ...base, lang: guessLang, feed, t: translator(guessLang) }
  try {
    if (!method) throw methodName === '' ? paramError(ctx, '', 'method', 'required') : new MyJvnParamError(`${COMMON_PREFIX}01000002`, ctx.t('myjvn.error.unknownMethod'))
    if (param(ctx, 'feed') === undefined) throw paramError(ctx, method.name, 'feed', 'required')
    if (params['feed'] !== 'hnd' && params['feed'] !== 'oka') throw paramError(ctx, method.name, 'feed', 'notAllowed', { values: 'hnd, oka' })
    const lang = readLang(ctx, method.name)
    ctx = { ...ctx, lang, t: translator(lang) }
    const res = await method.run(ctx)
    return c.body(res.body, 200, { 'Content-Type': res.contentType, 'Cache-Control': CACHE })
  } catch (e) {
    if (!(e instanceof MyJvnParamError)) throw e
    const body = errorBody(ctx, method?.name ?? methodName, method?.hndEnvelope ?? 'results', e)
    return c.body(body, 200, { 'Content-Type': ctx.feed === 'oka' ? OKA_CONTENT_TYPE : HND_CONTENT_TYPE, 'Cache-Control': CACHE })
  }
}

/** The documented error answer: the method's envelope holding only the status, retCd=1 and the counts empty. */
function errorBody(ctx: MyJvnContext, method: string, envelope: 'rdf' | 'vuldef' | 'results', e: MyJvnParamError): string {
  const status: StatusFields = {
    method, lang: ctx.lang, feed: ctx.feed, retCd: 1, retMax: null, errCd: e.errCd, errMsg: e.errMsg,
    totalRes: null, totalResRet: null, firstRes: null, echo: ctx.params,
  }
  if (ctx.feed === 'oka') return JSON.stringify({ status: statusJson(status) }, null, 2)
  if (envelope === 'rdf') {
    const channel = jvnrssChannel({ about: `${ctx.baseUrl}/myjvn`, title: ctx.t('myjvn.feed_title'), now: ctx.now, lang: ctx.lang, itemUris: [] })
    return jvnrssDocument({ channel, itemsXml: '', status, lang: ctx.lang })
  }
  if (envelope === 'vuldef') return vuldefDocument({ vulinfosXml: '', status, lang: ctx.lang })
  return resultDocument({ contentXml: '', status })
}

myjvnRoutes.get('/myjvn', publicCache, (c) => answer(c, firstValues(c.req.queries())))

myjvnRoutes.post('/myjvn', async (c) => {
  const type = c.req.header('content-type') ?? ''
  const form = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data') ? await parsedForm(c) : {}
  // The body's parameters win over the query's.
  return answer(c, Object.assign(Object.create(null) as Record<string, string>, firstValues(c.req.queries()), firstValues(form)))
})
