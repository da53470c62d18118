import { sql, type Insertable } from 'kysely'
import type { DB } from '../../platform/db/database.js'
import type { CasesTable, ReportsTable } from '../../platform/db/schema.js'
import { CLOSED_PRODUCT_STATUSES, nextProductStatus, type ProductCaseAction, type ProductCaseStatus } from '../../cases/product-case.transitions.js'
import { CLOSED_WEBSITE_STATUSES, nextWebsiteStatus, type WebsiteCaseAction, type WebsiteCaseStatus } from '../../cases/website-case.transitions.js'
import { instantOf } from './calendar.js'
import type { HistoryCase } from './plan.js'

/** How many rows one INSERT carries: well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 1_000
/** Events go as one array per column (`unnest`): eight parameters however many rows. */
const EVENTS_PER_INSERT = 10_000

type EventRow = { case_id: string; type: string; from_status: string | null; to_status: string | null; actor_label: string; occurred_at: Date; data: string }

/** Many events in one statement, in the order given (their ids follow it). */
async function insertEvents(db: DB, rows: EventRow[]) {
  const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k])
  await sql`
    insert into case_events (case_id, type, from_status, to_status, actor_label, occurred_at, data)
    select c, t, f, s, a, o, d from unnest(${col('case_id')}::text[], ${col('type')}::text[], ${col('from_status')}::text[], ${col('to_status')}::text[],
      ${col('actor_label')}::text[], ${col('occurred_at').map((d) => d.toISOString())}::timestamptz[], ${col('data')}::jsonb[]) with ordinality as u(c, t, f, s, a, o, d, n)
    order by n`.execute(db)
}

/**
 * Writes a planned history: the cases, one report each, and every event — each move checked
 * against the case kind's transition table, as `appendEvent` callers do, so a history the
 * application could not have produced fails here. Events go in chronological order (their ids
 * then follow time, as in a live system). Multi-row inserts in one transaction.
 */
export async function writeHistory(db: DB, history: HistoryCase[]): Promise<{ cases: number; events: number }> {
  const cases: Insertable<CasesTable>[] = []
  const reports: Insertable<ReportsTable>[] = []
  const events: (EventRow & { order: number })[] = []
  let order = 0
  for (const h of history) {
    let status = 'received'
    const submittedAt = instantOf(h.receivedDay, 0)
    let acceptedAt: Date | null = null
    let startDate: string | null = null
    let eolHandlingAt: Date | null = null
    let lastAt = submittedAt
    h.steps.forEach((step, k) => {
      // Minutes grow with the step's position, so a case's events of one day keep their order.
      const at = instantOf(step.day, k * 20 + (order % 17))
      lastAt = at
      let from: string | null = null, to: string | null = null
      let data = step.data
      if (step.type === 'report_submitted') {
        to = 'received'
        data = { receiptNumber: h.receiptNumber, reportId: h.reportId, kind: h.kind, ...step.data, attachments: 0 }
      } else if (step.transition) {
        from = status
        to = h.kind === 'product'
          ? nextProductStatus(status as ProductCaseStatus, step.type as ProductCaseAction)
          : nextWebsiteStatus(status as WebsiteCaseStatus, step.type as WebsiteCaseAction)
        status = to
      }
      if (step.type === 'accept') acceptedAt = at
      if (step.type === 'eol_handling_chosen') eolHandlingAt = at
      startDate ??= (data.startDate as string | undefined) ?? (data.notifiedOn as string | undefined) ?? null
      events.push({
        order: order++, case_id: h.id, type: step.type, from_status: from, to_status: to,
        actor_label: step.actor, occurred_at: at, data: JSON.stringify(data),
      })
    })
    const closed = (h.kind === 'product' ? CLOSED_PRODUCT_STATUSES : CLOSED_WEBSITE_STATUSES as readonly string[]).includes(status as never)
    cases.push({
      id: h.id, kind: h.kind, status, source: 'finder', title: h.title, ...h.fields,
      accepted_at: acceptedAt, start_date: startDate, closed_at: closed ? lastAt : null, eol_handling_at: eolHandlingAt,
      created_at: submittedAt, updated_at: lastAt,
    })
    reports.push({
      id: h.reportId, case_id: h.id, receipt_number: h.receiptNumber, kind: h.kind, finder_user_id: null,
      tracking_token_hash: `synthetic:${h.id}`, finder_name: '合成データの発見者 (synthetic finder)', finder_email: null,
      finder_organization: null, consent_share_identity: false, consent_credit: false, credit_name: null, locale: 'ja',
      details: JSON.stringify(h.details), submitted_at: submittedAt,
    })
  }
  events.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime() || a.order - b.order)
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < cases.length; i += ROWS_PER_INSERT) await trx.insertInto('cases').values(cases.slice(i, i + ROWS_PER_INSERT)).execute()
    for (let i = 0; i < reports.length; i += ROWS_PER_INSERT) await trx.insertInto('reports').values(reports.slice(i, i + ROWS_PER_INSERT)).execute()
    for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) await insertEvents(trx, events.slice(i, i + EVENTS_PER_INSERT))
  })
  return { cases: cases.length, events: events.length }
}
