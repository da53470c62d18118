import { sql, type Kysely } from 'kysely'

// Frozen in time: this migration never imports application code, so the lists are copied here.
const KINDS = ['developer_acknowledgement', 'publication_target', 'uncontactable_product_details', 'committee_referral', 'priority_information_lead']
const UNITS = ['business_days', 'calendar_days', 'months']
const BASE_EVENTS = ['notification', 'start_date', 'uncontactable_listing', 'publication']
const RESOLUTIONS = ['acknowledged', 'published', 'closed', 'resumed', 'referred', 'details_listed', 'provided', 'moved_on']

const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/** The defaults DESIGN §7 names; administrators change the values at /deadlines/policies. */
const DEFAULT_POLICIES = [
  ['developer_acknowledgement', '開発者の受領確認期限', 'Developer acknowledgement due', 'notification', 'after', 5, 'business_days', 2],
  ['publication_target', '公表目標日', 'Publication target', 'start_date', 'after', 45, 'calendar_days', 5],
  ['uncontactable_product_details', '連絡不能開発者一覧への製品情報の掲載', 'Product details added to the uncontactable listing', 'uncontactable_listing', 'after', 3, 'months', 5],
  ['committee_referral', '公表判定委員会への付議期限', 'Committee referral due', 'uncontactable_listing', 'after', 20, 'business_days', 3],
  ['priority_information_lead', '優先情報提供の期限', 'Priority information provision', 'publication', 'before', 5, 'business_days', 2],
] as const

/** Deadlines (issue 3, DESIGN §7): policies as configuration, timers as rows. Frozen once released. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table deadline_policies (
      kind text primary key check (kind in (${list(KINDS)})),
      label_ja text not null,
      label_en text not null,
      base_event text not null check (base_event in (${list(BASE_EVENTS)})),
      direction text not null check (direction in ('after', 'before')),
      offset_amount integer not null check (offset_amount between 0 and 3650),
      offset_unit text not null check (offset_unit in (${list(UNITS)})),
      reminder_lead_business_days integer not null check (reminder_lead_business_days between 0 and 60),
      enabled boolean not null default true,
      updated_at timestamptz not null default now(),
      updated_by text references users(id)
    )`.execute(db)
  for (const [kind, ja, en, base, direction, amount, unit, lead] of DEFAULT_POLICIES) {
    await sql`insert into deadline_policies (kind, label_ja, label_en, base_event, direction, offset_amount, offset_unit, reminder_lead_business_days)
      values (${kind}, ${ja}, ${en}, ${base}, ${direction}, ${amount}, ${unit}, ${lead})`.execute(db)
  }

  await sql`
    create table deadline_policy_changes (
      id bigserial primary key,
      kind text not null references deadline_policies(kind),
      changed_by text not null references users(id),
      changed_at timestamptz not null,
      previous jsonb not null,
      next jsonb not null
    )`.execute(db)
  await sql`create index deadline_policy_changes_kind_idx on deadline_policy_changes (kind, id)`.execute(db)

  await sql`
    create table timers (
      id text primary key,
      case_id text not null references cases(id),
      kind text not null references deadline_policies(kind),
      due_at timestamptz not null,
      remind_at timestamptz not null,
      paused_at timestamptz,
      pause_reason text,
      reminded_at timestamptz,
      overdue_notified_at timestamptz,
      resolved_at timestamptz,
      resolution text check (resolution in (${list(RESOLUTIONS)})),
      data jsonb not null default '{}',
      created_at timestamptz not null,
      check ((paused_at is null) = (pause_reason is null)),
      check ((resolved_at is null) = (resolution is null))
    )`.execute(db)
  // One running clock per case and kind; startTimer relies on it to be idempotent.
  await sql`create unique index timers_open_idx on timers (case_id, kind) where resolved_at is null`.execute(db)
  await sql`create index timers_case_idx on timers (case_id, created_at)`.execute(db)
  await sql`create index timers_due_idx on timers (remind_at, due_at) where resolved_at is null and paused_at is null`.execute(db)

  await sql`
    create table deadline_job_state (
      name text primary key,
      last_event_id bigint not null default 0
    )`.execute(db)
  await sql`insert into deadline_job_state (name, last_event_id) values ('case_events', 0)`.execute(db)
}
