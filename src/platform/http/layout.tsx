import type { Child } from 'hono/jsx'
import type { Ctx } from './context.js'
import type { FeedLink, NavLink } from '../feature.js'
import { ReturnField } from './form-return.js'

const navigation: { links: NavLink[]; feeds: FeedLink[] } = { links: [], feeds: [] }

/** The features' navigation links and feeds, handed over at start-up by the composition root. */
export function installNavigation(links: readonly NavLink[], feeds: readonly FeedLink[]): void {
  navigation.links = [...links]
  navigation.feeds = [...feeds]
}

/** The links one person sees, portal first, each address once. */
function visibleLinks(user: Ctx['var']['user']): NavLink[] {
  const seen = new Set<string>()
  return (['portal', 'workspace', 'admin'] as const).flatMap((area) => navigation.links.filter((l) => {
    if (l.area !== area || (l.visible && !l.visible(user)) || seen.has(l.href)) return false
    seen.add(l.href)
    return true
  }))
}

/** Link to the same page in the other language. */
function switchLangHref(c: Ctx): string {
  const url = new URL(c.req.url)
  url.searchParams.set('lang', c.var.lang === 'ja' ? 'en' : 'ja')
  return url.pathname + url.search
}

export function Layout(props: { c: Ctx; title: string; children: Child }) {
  const { c } = props
  const { t, user, lang } = c.var
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        {navigation.feeds.map((f) => <link rel="alternate" type="application/rss+xml" title={t(f.title)} href={f.href} />)}
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <header class="site">
          <div class="brand">
            <a href="/">{t('app.name')}</a>
            <small>{t('app.tagline')}</small>
          </div>
          <nav aria-label="main">
            {visibleLinks(user).map((l) => <a href={l.href} data-area={l.area}>{t(l.label)}</a>)}
          </nav>
          <div class="account">
            <a class="lang-switch" href={switchLangHref(c)} hreflang={lang === 'ja' ? 'en' : 'ja'}>{t('nav.language_switch')}</a>
            {user ? (
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={c.var.csrfToken} />
                <span class="who">{user.displayName}</span>
                <button type="submit">{t('nav.logout')}</button>
              </form>
            ) : (
              <a href="/login">{t('nav.login')}</a>
            )}
          </div>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site">
          <a href="/.well-known/security.txt">{t('footer.security_txt')}</a>
        </footer>
      </body>
    </html>
  )
}

/** Renders a full page with the layout. */
export async function page(c: Ctx, title: string, body: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 = 200) {
  // Awaiting lets sections be async components that load their own data.
  const html = await (<Layout c={c} title={title}>{body}</Layout>).toString()
  return c.html('<!DOCTYPE html>' + html, status)
}

/** The hidden CSRF field every form carries. */
/** The CSRF field every form carries, and the place the form returns to when its page keeps one (form-return.tsx). */
export const Csrf = (props: { c: Ctx }) => <><input type="hidden" name="_csrf" value={props.c.var.csrfToken} /><ReturnField c={props.c} /></>
