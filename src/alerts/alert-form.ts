import type { AlertRecord } from './alerts.repository.js'

/**
 * The alert editor's values as strings, shaped like `alertInputSchema`'s input: built from the
 * database for a fresh form, or from the submitted form so that a refused submission comes back
 * with everything the author typed.
 */
export type AlertFormValues = {
  title: { ja: string; en: string }
  body: { ja: string; en: string }
  vulnerabilityType: string
  references: Array<{ title: string; url: string }>
  note: { ja: string; en: string }
}

export const emptyAlertValues = (vulnerabilityType = ''): AlertFormValues => ({
  title: { ja: '', en: '' }, body: { ja: '', en: '' }, vulnerabilityType, references: [], note: { ja: '', en: '' },
})

const strings = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : '')))
const first = (body: Record<string, unknown>, name: string) => strings(body[name])[0] ?? ''

/** The submitted form as values; reference rows left entirely blank (the spare rows) are dropped. */
export function formToValues(body: Record<string, unknown>): AlertFormValues {
  const titles = strings(body.r_title)
  const urls = strings(body.r_url)
  const references = Array.from({ length: Math.max(titles.length, urls.length) }, (_, i) => ({ title: titles[i] ?? '', url: urls[i] ?? '' }))
    .filter((r) => r.title.trim() !== '' || r.url.trim() !== '')
  return {
    title: { ja: first(body, 'title_ja'), en: first(body, 'title_en') },
    body: { ja: first(body, 'body_ja'), en: first(body, 'body_en') },
    vulnerabilityType: first(body, 'vulnerability_type'),
    references,
    note: { ja: first(body, 'note_ja'), en: first(body, 'note_en') },
  }
}

/** The values in the shape `alertInputSchema` validates: the form and the API share one schema. */
export const valuesToInput = (v: AlertFormValues) => ({
  title: v.title, body: v.body, vulnerabilityType: v.vulnerabilityType, references: v.references,
})

/** The values of a revision form: the note plus the (possibly changed) alert. */
export const valuesToRevision = (v: AlertFormValues) => ({ note: v.note, alert: valuesToInput(v) })

export const recordToValues = (a: AlertRecord): AlertFormValues => ({
  title: a.title, body: a.body, vulnerabilityType: a.vulnerabilityType ?? '', references: a.references, note: { ja: '', en: '' },
})
