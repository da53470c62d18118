import type { Child } from 'hono/jsx'
import type { Ctx } from './context.js'
import { hasRole } from '../../policies/policies.js'

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
        <link rel="alternate" type="application/rss+xml" title={t('portal.rss_title')} href="/rss/advisories.rdf" />
        <link rel="alternate" type="application/rss+xml" title={t('alerts.rss_title')} href="/rss/alerts.rdf" />
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <header class="site">
          <div class="brand">
            <a href="/">{t('app.name')}</a>
            <small>{t('app.tagline')}</small>
          </div>
          <nav aria-label="main">
            <a href="/advisories">{t('nav.advisories')}</a>
            <a href="/report">{t('nav.report')}</a>
            <a href="/uncontactable">{t('nav.uncontactable')}</a>
            <a href="/alerts">{t('alerts.nav_public')}</a>
            {user && !user.organizationId && user.roles.length === 0 && <a href="/my/reports">{t('nav.my_reports')}</a>}
            {user && hasRole(user, 'intake') && <a href="/intake">{t('nav.intake')}</a>}
            {user && hasRole(user, 'intake') && <a href="/websites">{t('nav.websites')}</a>}
            {user && hasRole(user, 'intake') && <a href="/staff/alerts">{t('alerts.nav_staff')}</a>}
            {user && hasRole(user, 'intake') && <a href="/statistics/websites">{t('nav.statistics')}</a>}
            {user && hasRole(user, 'coordinator') && <a href="/coordination">{t('nav.coordination')}</a>}
            {user && hasRole(user, 'coordinator') && <a href="/organizations">{t('nav.organizations')}</a>}
            {user && (hasRole(user, 'intake') || hasRole(user, 'coordinator')) && <a href="/deadlines">{t('nav.deadlines')}</a>}
            {user && hasRole(user, 'intake') && <a href="/websites/long-running">{t('nav.long_running')}</a>}
            {user && hasRole(user, 'coordinator') && <a href="/coordination-requests">{t('nav.coordination_requests')}</a>}
            {user && (user.organizationKind === 'developer' || hasRole(user, 'intake') || hasRole(user, 'coordinator')) && <a href="/self-reports">{t('nav.self_reports')}</a>}
            {user && hasRole(user, 'coordinator') && <a href="/priority-information">{t('nav.priority_information')}</a>}
            {user && (hasRole(user, 'committee') || hasRole(user, 'coordinator')) && <a href="/committee">{t('nav.committee')}</a>}
            {(user?.organizationKind === 'developer' || user?.organizationKind === 'operator') && <a href="/my/cases">{t('nav.my_cases')}</a>}
            {user?.organizationKind === 'critical_infrastructure' && <a href="/priority-information">{t('nav.priority_information')}</a>}
            {user && hasRole(user, 'admin') && <a href="/admin">{t('nav.admin')}</a>}
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
export const Csrf = (props: { c: Ctx }) => <input type="hidden" name="_csrf" value={props.c.var.csrfToken} />
