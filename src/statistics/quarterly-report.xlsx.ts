import ExcelJS from 'exceljs'
import type { ReportFigure } from './quarterly-report.tables.js'

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. The figure id is both short and unique. */
const sheetName = (f: ReportFigure) => f.id.slice(0, 31)

/**
 * The report as an Excel workbook: one sheet per figure (its title, its header in bold, its rows),
 * counts as numbers and shares as real percentages (0.316 shown as 31.6%), so a spreadsheet can
 * compute with every cell.
 */
export async function quarterlyReportXlsx(title: string, quarter: string, figures: ReportFigure[]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'keikai'
  book.title = `${title} ${quarter}`
  for (const f of figures) {
    const sheet = book.addWorksheet(sheetName(f))
    sheet.addRow([f.title]).font = { bold: true, size: 12 }
    sheet.addRow([title, quarter])
    sheet.addRow([])
    sheet.addRow(f.head).font = { bold: true }
    for (const r of f.rows) {
      const row = sheet.addRow(r.cells.map((c) => (typeof c === 'object' ? (c.percent === null ? null : c.percent / 100) : c)))
      r.cells.forEach((c, i) => { if (typeof c === 'object') row.getCell(i + 1).numFmt = '0.0%' })
      if (r.kind === 'total') row.font = { bold: true }
    }
    if (f.note) { sheet.addRow([]); sheet.addRow([f.note]) }
    sheet.getColumn(1).width = 36
    for (let i = 2; i <= f.head.length; i++) sheet.getColumn(i).width = 14
  }
  // A copy of exactly the file's bytes (Node's Buffer may be a view into a larger pool).
  return new Uint8Array(await book.xlsx.writeBuffer()).slice().buffer
}
