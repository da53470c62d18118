import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient } from '../../test/support/clients.js'
import { businessDaysBetween } from '../platform/calendar/business-days.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { websiteHistory } from './fixtures/website-history.js'
import { playAsEvents } from './fixtures/play-events.js'
import {
  businessDaysSinceStart, lastFinishedQuarter, parseQuarter, perBusinessDay, quarterEnd, quarterStart, quartersUpTo,
} from './quarterly-report.quarters.js'
import { fraction } from './quarterly-report.js'

// The website history (23 cases, 2024-10-01 … 2026-04) as events, one product case with an advisory
// made public on 2026-02-10, and today 2026-04-10 in Japan: the last finished quarter is 2026Q1.
let t: TestApp
let advisoryIdentifier: string
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-10T01:00:00Z' })
  await playAsEvents(t.db, websiteHistory)
  const now = t.clock.now()
  const seed = await seedProductCase(t.db, now)
  const scheduled = await scheduleSeeded(t.deps, seed, new Date(now.getTime() + 60_000), draftBody(seed))
  advisoryIdentifier = scheduled.identifier
  await t.db.updateTable('advisories').set({ publish_at: new Date('2026-02-10T01:00:00Z') }).where('id', '=', scheduled.advisoryId).execute()
}, 60_000)
afterAll(async () => { await t.close() })

const anonymous = () => apiClient(t)

/** The cells (td) of one row of one figure on the page. */
const cells = (html: string, figure: string, row: string) => {
  const section = html.split(`data-figure="${figure}"`)[1]!.split('</section>')[0]!
  const tr = section.split(`data-row="${row}"`)[1]!.split('</tr>')[0]!
  return [...tr.matchAll(/<td(?: data-label="[^"]*")?>([^<]*)<\/td>/g)].map((m) => m[1])
}

describe('quarters and the per-business-day arithmetic', () => {
  it('reads YYYYQn only, and knows each quarter\'s first and last day', () => {
    expect(parseQuarter('2019Q3')).toEqual({ year: 2019, q: 3 })
    for (const bad of ['2019q3', '2019Q5', '2019Q0', '19Q3', '2019-Q3', '2019Q3 ']) expect(parseQuarter(bad), bad).toBeNull()
    expect([quarterStart({ year: 2019, q: 3 }), quarterEnd({ year: 2019, q: 3 })]).toEqual(['2019-07-01', '2019-09-30'])
    expect(quarterEnd({ year: 2020, q: 1 })).toBe('2020-03-31')
    expect(quarterEnd({ year: 2019, q: 4 })).toBe('2019-12-31')
  })

  it('takes a quarter as finished only once its last day is over in Japan', () => {
    expect(lastFinishedQuarter('2019-09-30')).toEqual({ year: 2019, q: 2 })
    expect(lastFinishedQuarter('2019-10-01')).toEqual({ year: 2019, q: 3 })
    expect(lastFinishedQuarter('2020-01-01')).toEqual({ year: 2019, q: 4 })
  })

  it('lists at most 12 quarters, none before the programme\'s first (2004Q3)', () => {
    expect(quartersUpTo({ year: 2019, q: 3 }, 12).map((x) => `${x.year}Q${x.q}`)).toEqual([
      '2016Q4', '2017Q1', '2017Q2', '2017Q3', '2017Q4', '2018Q1', '2018Q2', '2018Q3', '2018Q4', '2019Q1', '2019Q2', '2019Q3'])
    expect(quartersUpTo({ year: 2005, q: 1 }, 12).map((x) => `${x.year}Q${x.q}`)).toEqual(['2004Q3', '2004Q4', '2005Q1'])
  })

  it('counts business days from 2004-07-08 both inclusive and rounds reports per day half up to 2 decimals', () => {
    // 2004-07-08 is a Thursday: it and Friday the 9th; the 12th is a Monday.
    expect(businessDaysSinceStart('2004-07-09')).toBe(2)
    expect(businessDaysSinceStart('2004-07-12')).toBe(3)
    expect(businessDaysSinceStart('2019-09-30')).toBe(businessDaysBetween('2004-07-08', '2019-09-30'))
    // DESIGN §8's cumulative total at 2019-09-30 over those days
    expect(perBusinessDay(15050, businessDaysSinceStart('2019-09-30'))).toBe(4.06)
    expect(perBusinessDay(1, 8)).toBe(0.13) // 0.125, half up
    expect(perBusinessDay(1, 3)).toBe(0.33)
    expect(perBusinessDay(2, 3)).toBe(0.67)
    expect(perBusinessDay(0, 3)).toBe(0)
    expect(fraction(1, 8)).toBe(0.125)
    expect(fraction(2, 3)).toBe(0.6667)
    expect(fraction(0, 0)).toBeNull()
  })
})

describe('the JSON of a finished quarter', () => {
  it('gives the cumulative totals of the last 12 quarters, oldest first, with business days and reports per business day', async () => {
    const res = await anonymous().get('/api/v1/statistics/2026Q1')
    expect(res.status).toBe(200)
    const r = res.json
    expect([r.quarter, r.quarterStart, r.quarterEnd]).toEqual(['2026Q1', '2026-01-01', '2026-03-31'])
    expect(r.cumulative).toHaveLength(12)
    expect(r.cumulative.map((x: { quarter: string }) => x.quarter)[0]).toBe('2023Q2')
    // W filed 2024-10-01; K at 23:50 on 2025-06-30 counts in Q2 (the history's own hand count)
    expect(r.cumulative.map((x: { website: number }) => x.website)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 13, 19, 21, 23])
    const last = r.cumulative.at(-1)
    const days = businessDaysBetween('2004-07-08', '2026-03-31')
    expect(last).toEqual({ quarter: '2026Q1', quarterEnd: '2026-03-31', product: 0, website: 23, total: 23, businessDays: days,
      perBusinessDay: Math.round((23 / days) * 100) / 100, advisoriesPublished: 1 })
    for (const row of r.cumulative) expect(row.total).toBe(row.product + row.website)
    expect(r.advisoriesPublished).toEqual({ quarter: 1, cumulative: 1 })
  })

  it('gives the website figures as counts, with shares as fractions 0–1', async () => {
    const r = (await anonymous().get('/api/v1/statistics/2026Q1')).json
    const w = r.website
    expect([w.total, w.fixed, w.fixedWorkaround, w.fixedPageDeleted, w.closedByAlert, w.notVulnerable, w.stalled]).toEqual([23, 11, 2, 1, 2, 1, 1])
    expect(w.shares.fixed).toBe(0.4783) // 11 / 23
    expect(w.fixedWithin90Share).toBe(0.8182) // 9 of 11
    expect(w.daysToFix.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(11)
    expect(w.byType[0]).toMatchObject({ key: 'xss', label: { ja: 'クロスサイト・スクリプティング' } })
    for (const row of [...w.byType, ...w.byImpact, ...w.daysToFix]) if (row.share !== null) expect(row.share).toBeGreaterThanOrEqual(0)
    expect(Math.max(...w.byType.map((x: { share: number }) => x.share))).toBeLessThanOrEqual(1)
    // two reports were received in the quarter
    expect(r.quarterOnly.website.total).toBe(2)
    expect(r.product.total).toBe(0)
    expect(r.product.shares.published).toBeNull()
  })

  it('answers 400 to a malformed quarter and 404 to one not finished yet or before the programme', async () => {
    const bad = await anonymous().get('/api/v1/statistics/2026q1')
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('statistics.invalid_quarter')
    for (const q of ['2026Q2', '2026Q3', '2004Q2']) {
      const res = await anonymous().get(`/api/v1/statistics/${q}`)
      expect(res.status, q).toBe(404)
      expect(res.json.error.code).toBe('statistics.no_report')
    }
  })
})

describe('the public report page', () => {
  it('lists the quarters from the first with a report to the last finished, newest first, and is in the portal menu', async () => {
    const res = await anonymous().get('/statistics')
    expect(res.status).toBe(200)
    const links = [...res.text.matchAll(/href="\/statistics\/(\d{4}Q\d)"/g)].map((m) => m[1])
    expect(links).toEqual(['2026Q1', '2025Q4', '2025Q3', '2025Q2', '2025Q1', '2024Q4'])
    expect(res.text).toMatch(/<a[^>]*href="\/statistics"[^>]*>統計<\/a>/)
  })

  it('shows every figure in Japanese with its chart as accessible SVG and its table', async () => {
    const res = await anonymous().get('/statistics/2026Q1')
    expect(res.status).toBe(200)
    expect(res.text).toContain('脆弱性関連情報の届出状況 2026Q1')
    for (const id of ['cumulative', 'product-status', 'website-status', 'days-to-publication', 'product-type', 'cause', 'uncontactable',
      'days-to-fix', 'website-type', 'website-impact', 'long-running', 'priority-information', 'advisories']) {
      expect(res.text, id).toContain(`data-figure="${id}"`)
    }
    const svgs = res.text.match(/<svg [^>]*role="img"[^>]*>/g) ?? []
    expect(svgs.length).toBeGreaterThanOrEqual(11)
    expect(res.text).toContain('<title id="chart-cumulative-title">届出件数の累計と1就業日あたりの届出件数</title>')
    expect(res.text).toContain('<desc id="chart-cumulative-desc">')
    expect(res.text).not.toContain('<script')
    expect(res.text).not.toContain('data-testid="synthetic"')
    // this quarter (received in it) | cumulative
    expect(cells(res.text, 'website-status', 'fixed').slice(2)).toEqual(['11', '47.8%'])
    expect(cells(res.text, 'website-status', 'total').slice(2)).toEqual(['23', '100.0%'])
    expect(cells(res.text, 'cumulative', '2026Q1').slice(0, 3)).toEqual(['0', '23', '23'])
    expect(res.text).toContain('図3 ウェブサイトの届出の処理状況')
    expect(res.text).toContain('印刷用')
    expect(res.text).toContain('href="/statistics/2026Q1?format=csv&amp;table=website-status&amp;lang=ja"')
  })

  it('speaks English', async () => {
    const res = await anonymous().get('/statistics/2026Q1?lang=en')
    expect(res.status).toBe(200)
    expect(res.text).toContain('Figure 3: Website reports by status')
    expect(res.text).toContain('<title id="chart-website-status-title">Website reports by status</title>')
    expect(res.text).toContain('Reports per business day')
  })

  it('has a print layout without the site\'s menus, and a print stylesheet', async () => {
    const res = await anonymous().get('/statistics/2026Q1?view=print')
    expect(res.status).toBe(200)
    expect(res.text).toContain('class="print-layout"')
    expect(res.text).not.toContain('class="site"')
    expect(res.text).toContain('data-figure="website-status"')
    const css = await t.app.request('/statistics/report.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toContain('@media print')
  })

  it('explains a malformed or unfinished quarter on a page', async () => {
    const malformed = await anonymous().get('/statistics/2026Q5')
    expect(malformed.status).toBe(400)
    expect(malformed.text).toContain('2019Q3 のように')
    const unfinished = await anonymous().get('/statistics/2026Q2?lang=en')
    expect(unfinished.status).toBe(404)
    expect(unfinished.text).toContain('reports exist from 2004Q3 to 2026Q1')
  })
})

describe('downloads', () => {
  it('gives one table as CSV for a spreadsheet, in the reader\'s language', async () => {
    const res = await t.app.request('/statistics/2026Q1?format=csv&table=website-status&lang=ja')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="statistics-2026Q1-website-status-ja.csv"')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder('utf-8').decode(bytes).split('\r\n')
    expect(lines[0]).toBe('脆弱性関連情報の届出状況 2026Q1,2026Q1')
    expect(lines).toContain('ウェブサイトの届出の処理状況')
    expect(lines).toContain('処理状況,今四半期 件数,今四半期 割合,累計 件数,累計 割合')
    expect(lines.find((l) => l.startsWith('修正完了,'))!.split(',').slice(3)).toEqual(['11', '47.8'])
    const en = await (await t.app.request('/statistics/2026Q1?format=csv&lang=en')).text()
    expect(en).toContain('Cumulative reports and reports per business day')
    expect(en).toContain('Website reports by impact')
  })

  it('gives every table as an Excel workbook, one sheet a table, shares as percentages', async () => {
    const res = await t.app.request('/statistics/2026Q1?format=xlsx&lang=en')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    expect(book.worksheets.map((s) => s.name)).toContain('website-status')
    const sheet = book.getWorksheet('website-status')!
    const fixedRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'Fixed')!
    expect(fixedRow.getCell(4).value).toBe(11)
    expect(fixedRow.getCell(5).value).toBeCloseTo(0.478, 3)
    expect(fixedRow.getCell(5).numFmt).toBe('0.0%')
  })

  it('refuses an unknown format or table', async () => {
    expect((await anonymous().get('/statistics/2026Q1?format=pdf')).status).toBe(400)
    expect((await anonymous().get('/statistics/2026Q1?format=csv&table=nope')).status).toBe(400)
  })
})

describe('what the public report never shows', () => {
  it('names no case, finder, developer, product or website in the page, print layout, CSV, workbook or JSON', async () => {
    const names = ['サンプル電機', 'Sample Electric', 'WR-1000', '山田', 'Taro Yamada', '匿名希望', 'Case A', 'Case W', 'story-', advisoryIdentifier, advisoryIdentifier.replace('#', '')]
    const bodies = [
      (await anonymous().get('/statistics')).text,
      (await anonymous().get('/statistics/2026Q1')).text,
      (await anonymous().get('/statistics/2026Q1?lang=en')).text,
      (await anonymous().get('/statistics/2026Q1?view=print')).text,
      (await anonymous().get('/statistics/2026Q1?format=csv')).text,
      (await anonymous().get('/api/v1/statistics/2026Q1')).text,
    ]
    for (const body of bodies) for (const name of names) expect(body).not.toContain(name)
  })
})
