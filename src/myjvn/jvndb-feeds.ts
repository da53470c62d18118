import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import type { FeedLink } from '../platform/feature.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { publicCache } from '../platform/http/page-cache.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { latestRevisionTimes, presentAdvisory, toAdvisoryRecord, type PublicAdvisory } from '../advisories/index.js'
import { advisoryRssItem, rdfFeed } from '../portal/index.js'

/**
 * The JVNDB RSS feeds, as JVN iPedia publishes them (jvndb.jvn.jp/ja/rss/): new entries
 * (`/rss/jvndb_new.rdf`), new and updated entries (`/rss/jvndb.rdf`) and the entries of one year (up to YEAR_FEED_MAX)
 * (`/rss/years/jvndb_YYYY.rdf`, the year of the JVNDB number) — JVNRSS 3.2 with the mod_sec
 * vocabulary: the JVNDB number as `sec:identifier`, the JVN advisory and its references, CPEs,
 * CVSS 3.1 and 4.0. Japanese, or English with `?lang=en`, as the portal's own feed. Every query
 * starts from publicAdvisories: an entry appears exactly when its advisory becomes public.
 */
export const jvndbFeedRoutes = new Hono<AppEnv>()

/** How many entries the new and updated feeds carry. */
const FEED_SIZE = 50
/**
 * How many entries a year's feed carries at most: the newest numbers of the year. A year of a
 * national database holds tens of thousands of entries; one feed document of them all would be
 * tens of megabytes rendered on every change. Like JVN's own feeds this one carries recent entries
 * (its description says so); getVulnOverviewList pages through any year completely.
 */
export const YEAR_FEED_MAX = 10_000
/** The first year JVN iPedia numbers exist for (the oka statistics' lower bound too). */
const FIRST_YEAR = 1998

const COLUMNS = [
  'advisories.id', 'advisories.case_id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.status', 'advisories.publish_at',
  'advisories.published_at', 'advisories.content', 'advisories.created_at', 'advisories.updated_at', 'advisories.source', 'advisories.source_ids',
] as const

type Entry = { jvndbId: string; advisory: PublicAdvisory }

/** The latest revision time of each public advisory, as a subquery to order by. */
const revisedAt = (db: DB) => db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')]).groupBy('advisory_id').as('r')

async function entries(db: DB, now: Date, which: { kind: 'new' } | { kind: 'updated' } | { kind: 'year'; year: number }): Promise<Entry[]> {
  let q = publicAdvisories(db, now).leftJoin(revisedAt(db), 'r.advisory_id', 'advisories.id').select(COLUMNS).where('advisories.jvndb_id', 'is not', null)
  if (which.kind === 'new') q = q.orderBy('advisories.publish_at', 'desc').orderBy('advisories.jvndb_id', 'desc').limit(FEED_SIZE)
  if (which.kind === 'updated') {
    q = q.orderBy(sql`coalesce(greatest(r.latest, advisories.publish_at), advisories.publish_at)`, 'desc').orderBy('advisories.jvndb_id', 'desc').limit(FEED_SIZE)
  }
  if (which.kind === 'year') q = q.where('advisories.jvndb_id', 'like', `JVNDB-${which.year}-%`).orderBy('advisories.jvndb_id', 'desc').limit(YEAR_FEED_MAX)
  const records = (await q.execute()).map(toAdvisoryRecord)
  const revised = await latestRevisionTimes(db, records.map((r) => r.id))
  return records.map((r) => ({ jvndbId: r.jvndbId!, advisory: presentAdvisory(r, [], revised.get(r.id)) }))
}

/** The feed document: the portal's RSS envelope and items, each entry numbered by JVNDB and referring to its JVN advisory. */
function feedXml(c: Ctx, items: Entry[], path: string, title: string, description: string): string {
  const { lang } = c.var
  const baseUrl = c.var.deps.config.publicUrl
  const latest = items.reduce<Date>((max, e) => (e.advisory.modifiedAt && e.advisory.modifiedAt > max ? e.advisory.modifiedAt : max), items[0]?.advisory.modifiedAt ?? c.var.deps.clock.now())
  const jvnReference = (a: PublicAdvisory) => (a.identifier && a.path ? [{ title: a.identifier, url: baseUrl + a.path }] : [])
  return rdfFeed({
    about: `${baseUrl}${path}${lang === 'en' ? '?lang=en' : ''}`, link: `${baseUrl}/advisories`, title, description, lang, latest,
    namespaces: ['xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/"'],
    itemUris: items.map((e) => baseUrl + (e.advisory.path ?? '')),
    itemsXml: items.map((e) => advisoryRssItem({ ...e.advisory, references: [...jvnReference(e.advisory), ...e.advisory.references] }, lang, baseUrl, e.jvndbId)).join(''),
  })
}

// Short-lived caching only: a cached feed may show an entry late, never early.
const send = (c: Ctx, body: string) => c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' })

jvndbFeedRoutes.get('/rss/jvndb_new.rdf', publicCache, async (c) => {
  const { db, clock } = c.var.deps
  const { t } = c.var
  return send(c, feedXml(c, await entries(db, clock.now(), { kind: 'new' }), '/rss/jvndb_new.rdf', t('myjvn.b.feed_new_title'), t('myjvn.b.feed_new_description')))
})

jvndbFeedRoutes.get('/rss/jvndb.rdf', publicCache, async (c) => {
  const { db, clock } = c.var.deps
  const { t } = c.var
  return send(c, feedXml(c, await entries(db, clock.now(), { kind: 'updated' }), '/rss/jvndb.rdf', t('myjvn.b.feed_updated_title'), t('myjvn.b.feed_updated_description')))
})

// One parameter for the whole file name: the access matrix and the router both read `:jvndbYearFile` plainly.
jvndbFeedRoutes.get('/rss/years/:jvndbYearFile', publicCache, async (c) => {
  const { db, clock } = c.var.deps
  const m = /^jvndb_(\d{4})\.rdf$/.exec(c.req.param('jvndbYearFile'))
  const year = m ? Number(m[1]) : NaN
  const thisYear = new Date(clock.now().getTime() + 9 * 3600_000).getUTCFullYear()
  if (!(year >= FIRST_YEAR && year <= thisYear)) throw errors.notFound()
  const { t } = c.var
  const path = `/rss/years/jvndb_${year}.rdf`
  return send(c, feedXml(c, await entries(db, clock.now(), { kind: 'year', year }), path, t('myjvn.b.feed_year_title', { year }), t('myjvn.b.feed_year_description', { year, max: YEAR_FEED_MAX.toLocaleString('en') })))
})

/** The feeds the layout advertises (the yearly ones are found from the updated feed's entries). */
export const jvndbFeedLinks: readonly FeedLink[] = [
  { href: '/rss/jvndb_new.rdf', title: 'myjvn.b.feed_new_title' },
  { href: '/rss/jvndb.rdf', title: 'myjvn.b.feed_updated_title' },
]
