import { sql, type Kysely } from 'kysely'

/**
 * Widens a CHECK of the form `column IN (...)` by `extra` values, keeping whatever values the
 * constraint holds now (another migration may have added some): the list is read from the catalogue.
 */
async function widenCheck(db: Kysely<any>, table: string, constraint: string, column: string, extra: string[]): Promise<void> {
  const found = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def from pg_constraint c
    join pg_class t on t.oid = c.conrelid where t.relname = ${table} and c.conname = ${constraint}`.execute(db)
  const current = [...(found.rows[0]?.def ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!)
  const values = [...new Set([...current, ...extra])]
  const list = sql.raw(values.map((v) => `'${v}'`).join(', '))
  await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(constraint)}`.execute(db)
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(constraint)} check (${sql.id(column)} in (${list}))`.execute(db)
}

/**
 * Three gaps around the publication decision committee. Frozen once released: never import
 * application code here.
 * - A listing ends when the committee's advisory is published: the advisory it ended with.
 * - Priority information on a committee-decided case: the flag and the coordinator's reason.
 * - Urgent referrals: since when and why, and their own, shorter deadline policy.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table uncontactable_listings add column ended_by_advisory_id text references advisories(id)`.execute(db)

  await sql`alter table priority_information_provisions add column from_committee_decision boolean not null default false`.execute(db)
  await sql`alter table priority_information_provisions add column committee_decision_reason text`.execute(db)
  await sql`alter table priority_information_provisions add constraint priority_information_committee_reason_check
    check (not from_committee_decision or committee_decision_reason is not null)`.execute(db)

  await sql`alter table committee_referrals add column urgent_since timestamptz`.execute(db)
  await sql`alter table committee_referrals add column urgency_reason text`.execute(db)
  await sql`alter table committee_referrals add constraint committee_referrals_urgency_check check ((urgent_since is null) = (urgency_reason is null))`.execute(db)

  await widenCheck(db, 'deadline_policies', 'deadline_policies_kind_check', 'kind', ['committee_urgent_referral'])
  await widenCheck(db, 'deadline_policies', 'deadline_policies_base_event_check', 'base_event', ['urgent_referral'])
  await widenCheck(db, 'timers', 'timers_resolution_check', 'resolution', ['decided', 'urgency_cancelled'])
  await sql`insert into deadline_policies (kind, label_ja, label_en, base_event, direction, offset_amount, offset_unit, reminder_lead_business_days)
    values ('committee_urgent_referral', '緊急付議の判定期限', 'Urgent committee referral: decision due', 'urgent_referral', 'after', 3, 'business_days', 1)`.execute(db)
}
