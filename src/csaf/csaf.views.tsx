import type { Translate } from '../platform/i18n/index.js'

export type ListingEntry = { name: string; href: string }

/**
 * A directory listing (CSAF 2.0 §7.1.14): one link per entry, relative, the way a web server's
 * autoindex writes it, so people and checkers can walk the tree by hand.
 */
export function directoryListing(o: { t: Translate; lang: 'ja' | 'en'; path: string; parent: string | null; entries: ListingEntry[] }): string {
  const title = o.t('csaf.listing_title', { path: o.path })
  const page = (
    <html lang={o.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <h1>{title}</h1>
        <ul>
          {o.parent ? <li><a href={o.parent}>{o.t('csaf.listing_parent')}</a></li> : null}
          {o.entries.map((e) => <li><a href={e.href}>{e.name}</a></li>)}
        </ul>
      </body>
    </html>
  )
  return '<!DOCTYPE html>' + page.toString()
}
