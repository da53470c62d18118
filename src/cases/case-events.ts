import type { DB } from '../platform/db/database.js'
import type { CurrentUser } from '../platform/http/context.js'
import type { Clock } from '../platform/clock.js'
import { lockCase } from './cases.repository.js'
import type { Updateable } from 'kysely'
import type { CasesTable } from '../platform/db/schema.js'
import { invalidTransition } from './transition-table.js'
import { nextProductStatus, type ProductCaseAction, type ProductCaseStatus } from './product-case.transitions.js'
import { nextWebsiteStatus, type WebsiteCaseAction, type WebsiteCaseStatus } from './website-case.transitions.js'

/** Who did it: a person, or the system itself (scheduler, import). */
export type Actor = { user: CurrentUser | null; label: string }

export const systemActor: Actor = { user: null, label: 'system' }
export const actorOf = (user: CurrentUser): Actor => ({ user, label: user.displayName })

/** Appends one event to a case's log. Call it inside the transaction that made the change. */
export async function appendEvent(trx: DB, e: {
  caseId: string; type: string; actor: Actor; at: Date; from?: string | null; to?: string | null; data?: Record<string, unknown>
}) {
  await trx.insertInto('case_events').values({
    case_id: e.caseId,
    type: e.type,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    actor_user_id: e.actor.user?.id ?? null,
    actor_label: e.actor.label,
    occurred_at: e.at,
    data: JSON.stringify(e.data ?? {}),
  }).execute()
}

type CaseChanges = Partial<Omit<Updateable<CasesTable>, 'id' | 'kind' | 'status' | 'updated_at'>>

type TransitionInput<A extends string, S extends string, T> = {
  caseId: string
  action: A
  actor: Actor
  clock: Clock
  changes?: CaseChanges
  apply?: (trx: DB, ctx: { from: S; to: S; now: Date }) => Promise<T>
  data?: Record<string, unknown>
}

/**
 * The one way a case changes state: lock the row, apply its kind's transition table, update the
 * row (plus any `changes`), append the event — all in one transaction. `apply` runs inside it for
 * the rest of the change and may return event data.
 */
async function transition<A extends string, S extends string, T extends Record<string, unknown> | void>(
  db: DB, kind: 'product' | 'website', next: (from: S, action: A) => S, input: TransitionInput<A, S, T>,
): Promise<{ from: S; to: S; result: T | undefined }> {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, input.caseId)
    if (row.kind !== kind) throw invalidTransition(input.action, row.status)
    const from = row.status as S
    const to = next(from, input.action)
    const now = input.clock.now()
    await trx.updateTable('cases').set({ ...input.changes, status: to, updated_at: now }).where('id', '=', input.caseId).execute()
    const result = input.apply ? await input.apply(trx, { from, to, now }) : undefined
    await appendEvent(trx, {
      caseId: input.caseId, type: input.action, actor: input.actor, at: now, from, to,
      data: { ...input.data, ...(result ?? {}) },
    })
    return { from, to, result: result ?? undefined }
  })
}

/** A product case's transition (DESIGN §3); a website case refuses it with 409. */
export function transitionProductCase<T extends Record<string, unknown> | void>(db: DB, input: TransitionInput<ProductCaseAction, ProductCaseStatus, T>) {
  return transition(db, 'product', nextProductStatus, input)
}

/** A website case's transition (DESIGN §4); a product case refuses it with 409. */
export function transitionWebsiteCase<T extends Record<string, unknown> | void>(db: DB, input: TransitionInput<WebsiteCaseAction, WebsiteCaseStatus, T>) {
  return transition(db, 'website', nextWebsiteStatus, input)
}

/**
 * A change to a case that keeps its state (a contact attempt, a party's answer, a message…):
 * lock the case, run `apply`, append the event — one transaction. `allowedIn` guards the states.
 */
export async function changeCase<T extends Record<string, unknown> | void>(db: DB, input: {
  caseId: string; type: string; actor: Actor; clock: Clock; allowedIn?: readonly string[]
  apply: (trx: DB, ctx: { status: string; now: Date }) => Promise<T>
}): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, input.caseId)
    if (input.allowedIn && !input.allowedIn.includes(row.status)) throw invalidTransition(input.type, row.status)
    const now = input.clock.now()
    const result = await input.apply(trx, { status: row.status, now })
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', input.caseId).execute()
    await appendEvent(trx, { caseId: input.caseId, type: input.type, actor: input.actor, at: now, data: { ...(result ?? {}) } })
    return result
  })
}
