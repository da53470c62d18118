import type { Ctx } from './context.js'
import { navGroups, type FeedLink, type NavGroup, type NavLink } from '../feature.js'

const navigation: { links: NavLink[]; feeds: FeedLink[] } = { links: [], feeds: [] }

/** The features' navigation links and feeds, handed over at start-up by the composition root. */
export function installNavigation(links: readonly NavLink[], feeds: readonly FeedLink[]): void {
  navigation.links = [...links]
  navigation.feeds = [...feeds]
}

export function installedFeeds(): readonly FeedLink[] {
  return navigation.feeds
}

type Shown = { href: string; label: string; current: boolean }
type Menu = { group: NavGroup; links: Shown[] }
/** What one person sees: the portal's links, then the workspace menus that hold any link for them. */
export type SiteNav = { portal: Shown[]; footer: Shown[]; menus: Menu[] }

/** The links one person sees, each address once, grouped; the link of the page they are on marked. */
export function siteNav(user: Ctx['var']['user'], path: string): SiteNav {
  const seen = new Set<string>()
  const visible = navigation.links.filter((l) => {
    if ((l.visible && !l.visible(user)) || seen.has(l.href)) return false
    seen.add(l.href)
    return true
  })
  const current = currentHref(visible.map((l) => l.href), path)
  const shown = (l: NavLink): Shown => ({ href: l.href, label: l.label, current: l.href === current })
  const groupOf = (l: NavLink) => (typeof l.group === 'function' ? l.group(user) : l.group)
  return {
    portal: visible.filter((l) => groupOf(l) === 'portal').map(shown),
    footer: visible.filter((l) => groupOf(l) === 'footer').map(shown),
    menus: navGroups
      .map((group) => ({ group, links: visible.filter((l) => groupOf(l) === group).map(shown) }))
      .filter((m) => m.links.length > 0),
  }
}

/** The link whose address is the page's, or the longest one the page lies under (`/websites/1` → `/websites`). */
export function currentHref(hrefs: readonly string[], path: string): string | undefined {
  const under = hrefs.filter((h) => path === h || path.startsWith(h.endsWith('/') ? h : `${h}/`))
  return under.sort((a, b) => b.length - a.length)[0]
}

const NavLinkItem = (props: { c: Ctx; link: Shown }) => (
  <li><a href={props.link.href} aria-current={props.link.current ? 'page' : undefined}>{props.c.var.t(props.link.label)}</a></li>
)

/*
 * The site navigation is drawn twice and shown once by width (app.css): on wide screens the
 * portal's links in the top bar and the workspace menus in the bar below it (a menu of one link is
 * the link itself); on a phone one menu button listing everything. Both are plain `<details>`, so
 * they work without JavaScript, by keyboard, and announce themselves as expandable; only one
 * workspace menu opens at a time (`name`).
 */

/** The public portal's links, in the top bar of wide screens. */
export function PortalNav(props: { c: Ctx; nav: SiteNav }) {
  const { c } = props
  return (
    <nav class="portal-nav only-wide" aria-label={c.var.t('nav.portal_label')}>
      <ul>{props.nav.portal.map((l) => <NavLinkItem c={c} link={l} />)}</ul>
    </nav>
  )
}

/** The footer's links (public pages that are not the portal's work), then the security contact. */
export function FooterNav(props: { c: Ctx; nav: SiteNav }) {
  const { c } = props
  return (
    <nav aria-label={c.var.t('nav.footer_label')}>
      <ul>
        {props.nav.footer.map((l) => <NavLinkItem c={c} link={l} />)}
        <li><a href="/.well-known/security.txt">{c.var.t('footer.security_txt')}</a></li>
      </ul>
    </nav>
  )
}

/** The workspace menus by area, in the second bar of wide screens. */
export function WorkspaceNav(props: { c: Ctx; nav: SiteNav }) {
  const { c } = props
  const { menus } = props.nav
  if (menus.length === 0) return null
  return (
    <nav class="workspace-nav only-wide" aria-label={c.var.t('nav.workspace_label')}>
      <ul>
        {menus.map((m) => (m.links.length === 1
          ? <NavLinkItem c={c} link={m.links[0]!} />
          : (
            <li>
              <details name="workspace-menu" class="menu" data-current={m.links.some((l) => l.current) ? 'true' : undefined}>
                <summary>{c.var.t(`nav.group.${m.group}`)}</summary>
                <ul>{m.links.map((l) => <NavLinkItem c={c} link={l} />)}</ul>
              </details>
            </li>
          )))}
      </ul>
    </nav>
  )
}

/** A phone's menu button: the portal's links, then each workspace menu under its name. */
export function PhoneMenu(props: { c: Ctx; nav: SiteNav }) {
  const { c, nav } = props
  const { t } = c.var
  return (
    <details class="phone-menu only-narrow">
      <summary><span aria-hidden="true">☰ </span>{t('nav.menu')}</summary>
      <nav aria-label={t('nav.portal_label')}>
        <ul>{nav.portal.map((l) => <NavLinkItem c={c} link={l} />)}</ul>
      </nav>
      {nav.menus.length > 0 && (
        <nav aria-label={t('nav.workspace_label')}>
          {nav.menus.map((m) => (
            <div role="group" aria-labelledby={`phone-menu-${m.group}`}>
              <p class="group" id={`phone-menu-${m.group}`}>{t(`nav.group.${m.group}`)}</p>
              <ul>{m.links.map((l) => <NavLinkItem c={c} link={l} />)}</ul>
            </div>
          ))}
        </nav>
      )}
    </details>
  )
}
