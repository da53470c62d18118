import { catalogue } from './catalog.js'
import type { Lang } from './define.js'

export type { Lang } from './define.js'
export { LANGS } from './define.js'

export type Translate = (key: string, params?: Record<string, string | number>) => string

/** A translator for one language. An unknown key shows itself, so a gap is visible rather than blank. */
export function translator(lang: Lang): Translate {
  const table = catalogue[lang]
  return (key, params) => {
    const text = table[key] ?? key
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  }
}

/** Picks the reader's language: ?lang=, then the cookie, then Accept-Language; Japanese by default. */
export function negotiateLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const v of [query, cookie]) if (v === 'ja' || v === 'en') return v
  if (acceptLanguage) {
    const ranked = acceptLanguage.split(',').map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 }
    }).sort((a, b) => b.q - a.q)
    for (const { tag } of ranked) {
      if (tag.startsWith('ja')) return 'ja'
      if (tag.startsWith('en')) return 'en'
    }
  }
  return 'ja'
}

const TOKYO = 'Asia/Tokyo'

const tokyoParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TOKYO, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})

/**
 * Date and time in Japan time, one format per language, always year first: `2026/02/03 10:00`
 * in Japanese, `2026-02-03 10:00 JST` in English (never day-first, which reads differently in the US and UK).
 */
export function formatDateTime(d: Date | string | null | undefined, lang: Lang): string {
  if (!d) return ''
  const part = Object.fromEntries(tokyoParts.formatToParts(new Date(d)).map((p) => [p.type, p.value]))
  return lang === 'ja'
    ? `${part.year}/${part.month}/${part.day} ${part.hour}:${part.minute}`
    : `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} JST`
}

/** A calendar date (a `date` column or a timestamp's Japan-time day) as YYYY-MM-DD / YYYY/MM/DD. */
export function formatDate(d: Date | string | null | undefined, lang: Lang): string {
  if (!d) return ''
  const iso = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : tokyoDate(new Date(d))
  return lang === 'ja' ? iso.replaceAll('-', '/') : iso
}

/** The Japan-time calendar day of an instant, as YYYY-MM-DD. */
export function tokyoDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}
