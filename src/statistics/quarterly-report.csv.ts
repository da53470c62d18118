import { stringify } from 'csv-stringify/sync'
import type { Cell } from './website-figures.tables.js'
import type { ReportFigure } from './quarterly-report.tables.js'

/** Excel reads a UTF-8 file as the local code page (Shift_JIS in Japan) unless it starts with a BOM. */
const BOM = '\uFEFF'

// Shares go out as plain numbers in percent (31.6), so a spreadsheet can compute with them; none → empty.
export const csvCell = (c: Cell): string | number => (typeof c === 'object' ? (c.percent ?? '') : c)

/**
 * Report figures as CSV for a spreadsheet, in the reader's language, UTF-8 with a BOM and CRLF line
 * ends: a title line (report, quarter), then per figure its title, its header and its rows, the
 * figures separated by an empty line. One figure gives just that table.
 */
export function quarterlyReportCsv(title: string, quarter: string, figures: ReportFigure[]): string {
  const lines: (string | number)[][] = [[title, quarter]]
  for (const f of figures) {
    lines.push([], [f.title], f.head)
    for (const row of f.rows) lines.push(row.cells.map(csvCell))
  }
  return BOM + stringify(lines, { record_delimiter: 'windows' })
}
