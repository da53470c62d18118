import type { Hono } from 'hono'
import type { AppEnv, CurrentUser } from './http/context.js'
import type { Catalogue } from './i18n/define.js'
import type { Job } from './jobs/workers.js'
import type { Operation } from './http/openapi-operation.js'
import type { PublicSchedule } from './http/page-cache.js'

/** The workspace menus, in the order the header shows them (labels: `nav.group.<name>`). */
export const navGroups = ['mine', 'intake', 'coordination', 'committee', 'websites', 'admin'] as const
export type NavGroup = typeof navGroups[number]

/**
 * A link in the site navigation, shown to those `visible` admits (everyone when absent). `group` is
 * the public portal, the footer (public pages that are not the portal's work: guides) or the workspace menu it sits in; a function when that depends on who looks
 * (a developer's self-reports are their own work, intake's are intake's).
 */
export type NavLink = {
  href: string
  label: string
  group: 'portal' | 'footer' | NavGroup | ((user: CurrentUser | null) => NavGroup)
  visible?: (user: CurrentUser | null) => boolean
}

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
  /**
   * Paths whose POST changes nothing and serves only public data — a query API whose clients
   * post their parameters as a form, as MyJVN's do. No CSRF token is asked there; the handler
   * must never write.
   */
  readOnlyPosts?: readonly string[]
  /**
   * Path prefixes whose POST is authorised by the secret the path itself carries, sent by software
   * that holds no page of ours: a mail client's one-click unsubscribe (RFC 8058). No CSRF token is
   * asked there; the handler must act only on the secret, never on a session.
   */
  secretLinkPosts?: readonly string[]
  /**
   * When something the public will see next becomes public by time alone (a scheduled advisory's
   * publication second): the page cache drops its pages at that moment.
   */
  publicSchedule?: PublicSchedule
}
