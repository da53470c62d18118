import type { Child } from 'hono/jsx'
import type { Ctx } from './context.js'
import { FooterNav, installedFeeds, PhoneMenu, PortalNav, siteNav, WorkspaceNav } from './navigation.js'
import { labelTableCells } from './table-labels.js'
import { ReturnField } from './form-return.js'
import { csrfTokenFor } from './csrf.js'

export { installNavigation } from './navigation.js'

/** Link to the same page in the other language. */
function switchLangHref(c: Ctx): string {
  const url = new URL(c.req.url)
  url.searchParams.set('lang', c.var.lang === 'ja' ? 'en' : 'ja')
  return url.pathname + url.search
}

/** Other forms of a page's content (an advisory's CSAF, CVE and OSV records …), announced with `<link rel="alternate">`. */
export type Alternate = { type: string; href: string; title?: string }

export function Layout(props: { c: Ctx; title: string; children: Child; alternates?: readonly Alternate[] }) {
  const { c } = props
  const { t, user, lang } = c.var
  // Worked out once: the wide bars and the phone menu draw the same links.
  const nav = siteNav(user, new URL(c.req.url).pathname)
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {installedFeeds().map((f) => <link rel="alternate" type="application/rss+xml" title={t(f.title)} href={f.href} />)}
        {(props.alternates ?? []).map((a) => <link rel="alternate" type={a.type} title={a.title} href={a.href} />)}
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <header class="site">
          <div class="brand">
            <a href="/">{t('app.name')}</a>
            <small>{t('app.tagline')}</small>
          </div>
          <PortalNav c={c} nav={nav} />
          <a class="lang-switch" href={switchLangHref(c)} hreflang={lang === 'ja' ? 'en' : 'ja'}>{t('nav.language_switch')}</a>
          {!user && <a class="login" href="/login">{t('nav.login')}</a>}
          <PhoneMenu c={c} nav={nav} />
          {user && (
            <div class="workbar">
              <WorkspaceNav c={c} nav={nav} />
              <form method="post" action="/logout" class="inline account">
                <input type="hidden" name="_csrf" value={csrfTokenFor(c)} />
                <a class="who" href="/account" title={t('nav.account')}>{user.displayName}</a>
                <button type="submit">{t('nav.logout')}</button>
              </form>
            </div>
          )}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site">
          <FooterNav c={c} nav={nav} />
        </footer>
      </body>
    </html>
  )
}

/** Renders a full page with the layout. */
export async function page(
  c: Ctx, title: string, body: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 = 200,
  head: { alternates?: readonly Alternate[] } = {},
) {
  // Awaiting lets sections be async components that load their own data.
  const html = await (<Layout c={c} title={title} alternates={head.alternates}>{body}</Layout>).toString()
  return c.html('<!DOCTYPE html>' + labelTableCells(html), status)
}

/** The hidden CSRF field every form carries. */
/** The CSRF field every form carries, and the place the form returns to when its page keeps one (form-return.tsx). */
export const Csrf = (props: { c: Ctx }) => <><input type="hidden" name="_csrf" value={csrfTokenFor(props.c)} /><ReturnField c={props.c} /></>
