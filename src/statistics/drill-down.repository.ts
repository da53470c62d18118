import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { endOfJapanDay, startOfJapanDay } from '../platform/calendar/business-days.js'
import { withCaseStates } from './case-states.repository.js'
import { productCases } from './product-figures.repository.js'
import { websiteCases } from './website-figures.repository.js'
import { quarterOf, quarterStart } from './quarterly-report.quarters.js'
import type { DrillTarget, Selection } from './drill-down.js'

/** One case behind a count: its status and receipt as of the date, its title and receipt number today. */
export type DrilledCase = { id: string; receiptNumber: string | null; title: string; status: string; receivedAt: Date }

/**
 * The cases behind one count of the staff report as of the end (Japan time) of `asOf`: the rows of
 * `productCases` / `websiteCases` — what the figures group — that the selection's condition keeps,
 * over the same case states as the report. The whole count, and one page of cases, oldest first.
 */
export async function drillDownCases(db: DB, q: {
  asOf: string; target: DrillTarget; selection: Selection; limit: number; offset: number
}): Promise<{ total: number; cases: DrilledCase[] }> {
  const cutoff = endOfJapanDay(q.asOf)
  return withCaseStates(db, cutoff, async (trx, states) => {
    const rows = q.target.side === 'product' ? productCases(states) : websiteCases(states, q.asOf)
    const period = q.target.period === 'quarter' ? sql`and m.received_at >= ${startOfJapanDay(quarterStart(quarterOf(q.asOf)))}` : sql``
    const matched = sql`select m.case_id, m.received_at, m.status from (${rows}) m where (${q.selection.where}) ${period}`
    // One pass for the page and the whole count (a window over every match); a page past the end counts apart.
    const { rows: found } = await sql<{ id: string; receipt_number: string | null; title: string | null; status: string; received_at: Date | string; total: number | string }>`
      select p.case_id as id, p.status, p.received_at, p.total, c.title,
        (select r.receipt_number from reports r where r.case_id = p.case_id order by r.submitted_at, r.id limit 1) as receipt_number
      from (
        select x.case_id, x.status, x.received_at, count(*) over () as total
        from (${matched}) x
        order by x.received_at, x.case_id
        limit ${q.limit} offset ${q.offset}
      ) p
      left join cases c on c.id = p.case_id
      order by p.received_at, p.case_id
    `.execute(trx)
    const total = found.length > 0
      ? Number(found[0]!.total)
      : (await sql<{ n: number }>`select count(*)::int as n from (${matched}) x`.execute(trx)).rows[0]?.n ?? 0
    return {
      total: Number(total),
      cases: found.map((r) => ({ id: r.id, receiptNumber: r.receipt_number, title: r.title ?? '', status: r.status, receivedAt: new Date(r.received_at) })),
    }
  })
}
