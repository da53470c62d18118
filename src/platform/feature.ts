import type { Hono } from 'hono'
import type { AppEnv, CurrentUser } from './http/context.js'
import type { Catalogue } from './i18n/define.js'
import type { Job } from './jobs/workers.js'
import type { Operation } from './http/openapi-operation.js'

/** Where a navigation link belongs: the public portal, the staff or party workspace, administration. */
export type NavArea = 'portal' | 'workspace' | 'admin'

/** A link in the site navigation, shown to those `visible` admits (everyone when absent). */
export type NavLink = { href: string; label: string; area: NavArea; visible?: (user: CurrentUser | null) => boolean }

/** A feed the layout advertises to browsers and feed readers with `<link rel="alternate">`. */
export type FeedLink = { href: string; title: string }

/**
 * What a feature hands the platform at start-up: its routers (pages and API, mounted in list
 * order), its messages, its background jobs (run in list order each tick), its OpenAPI operations,
 * its permission decisions, its navigation links and feeds. Its tables join the `Database` type by module augmentation in
 * its `*.tables.ts`. The platform never imports a feature: `src/features.ts` lists them.
 */
export type PlatformFeature = {
  name: string
  routes?: readonly Hono<AppEnv>[]
  messages?: Catalogue
  jobs?: readonly Job[]
  openapi?: readonly Operation[]
  /** Its permission decisions, each answering true only for those DESIGN §5 admits; its routes and views ask them. */
  policies?: Readonly<Record<string, (...args: never[]) => boolean>>
  nav?: readonly NavLink[]
  feeds?: readonly FeedLink[]
}
