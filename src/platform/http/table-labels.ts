/**
 * Gives each body cell of a table with a `<thead>` the text of its column's header as `data-label`,
 * so on a phone app.css can stack the rows as cards that still say what each value is
 * (`td::before { content: attr(data-label) }`). Every page passes through here (layout `page()`),
 * so a feature writes a plain table with a header row and gets its cards for free. A cell that
 * already has `data-label` keeps it (`data-label=""` shows none); tables without `<thead>` are left
 * alone; tables inside cells are handled on their own.
 *
 * It reads the HTML the JSX renderer wrote, where attribute values and text are escaped (no `<`,
 * `>` or `"` inside them), so tags can be found by pattern; the header text is taken already
 * escaped and put back into an attribute as it is.
 */
const TAG = /<(\/?)(table|thead|tbody|tfoot|tr|th|td)\b([^>]*)>/gi

type Table = { labels: string[]; inHead: boolean; column: number; capture: { from: number; span: number } | null }

export function labelTableCells(html: string): string {
  if (!html.includes('<thead')) return html
  const tables: Table[] = []
  let out = ''
  let last = 0
  for (const m of html.matchAll(TAG)) {
    const [whole, closing, rawName, attrs = ''] = m
    const name = rawName!.toLowerCase()
    const at = m.index
    const table = tables.at(-1)
    let replacement = whole
    if (name === 'table') {
      if (closing) tables.pop()
      else tables.push({ labels: [], inHead: false, column: 0, capture: null })
    } else if (table && name === 'thead') {
      table.inHead = !closing
    } else if (table && name === 'tr' && !closing) {
      table.column = 0
    } else if (table && table.inHead && name === 'th') {
      if (!closing) table.capture = { from: at + whole.length, span: span(attrs) }
      else if (table.capture) {
        const text = html.slice(table.capture.from, at).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
        for (let i = 0; i < table.capture.span; i++) table.labels.push(text)
        table.capture = null
      }
    } else if (table && !table.inHead && (name === 'td' || name === 'th') && !closing) {
      const label = table.labels[table.column]
      table.column += span(attrs)
      if (label && !/\sdata-label=/.test(attrs)) replacement = `<${rawName}${attrs} data-label="${label}">`
    }
    if (replacement !== whole) {
      out += html.slice(last, at) + replacement
      last = at + whole.length
    }
  }
  return out + html.slice(last)
}

function span(attrs: string): number {
  const n = Number(/\scolspan="(\d+)"/.exec(attrs)?.[1] ?? 1)
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100) : 1
}
