import { stringify } from 'csv-stringify/sync'
import type { Lang, Translate } from '../platform/i18n/index.js'
import type { WebsiteFigures } from './website-figures.js'
import { websiteFigureTables, type Cell } from './website-figures.tables.js'

/** Excel reads a UTF-8 file as the local code page (Shift_JIS in Japan) unless it starts with a BOM. */
const BOM = '\uFEFF'

// Shares go out as plain numbers (31.6), so a spreadsheet can compute with them; none → empty.
const csvCell = (c: Cell): string | number => (typeof c === 'object' ? (c.percent ?? '') : c)

/**
 * The website figures as one CSV file for a spreadsheet: a title line with the date, then each
 * figure as a block (its title, its header, its rows) separated by an empty line, in the reader's
 * language, UTF-8 with a BOM and CRLF line ends.
 */
export function websiteFiguresCsv(f: WebsiteFigures, t: Translate, lang: Lang): string {
  const lines: (string | number)[][] = [[t('statistics.websites.title'), t('statistics.as_of'), f.asOf]]
  for (const table of websiteFigureTables(f, t, lang)) {
    lines.push([], [table.title], table.head)
    for (const row of table.rows) lines.push(row.cells.map(csvCell))
  }
  return BOM + stringify(lines, { record_delimiter: 'windows' })
}
