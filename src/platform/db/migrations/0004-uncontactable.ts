import { sql, type Kysely } from 'kysely'

// Frozen in time: copied, not imported, from the application.
const CHANNELS = ['email', 'web_form', 'phone', 'postal', 'other']
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * Uncontactable developers (DESIGN §3): the contact-attempt policy (one settings row), the public
 * listings (連絡不能開発者一覧) with their history, and the tips the public sends about them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table uncontactable_policy (
      id integer primary key default 1 check (id = 1),
      required_channels text[] not null default '{email}' check (required_channels <@ array[${list(CHANNELS)}]::text[]),
      min_attempts integer not null default 3 check (min_attempts between 1 and 100),
      min_span_business_days integer not null default 10 check (min_span_business_days between 0 and 1000),
      details_after_months integer not null default 3 check (details_after_months between 0 and 120),
      updated_at timestamptz not null default now(),
      updated_by text references users(id)
    )`.execute(db)
  await sql`insert into uncontactable_policy (id) values (1)`.execute(db)

  await sql`
    create table uncontactable_listings (
      id text primary key,
      case_id text not null references cases(id),
      party_id text not null references case_parties(id),
      organization_id text not null references organizations(id),
      developer_name_ja text not null,
      developer_name_en text not null,
      product_name text not null,
      product_versions text not null default '',
      reason text not null,
      listed_at timestamptz not null,
      listed_by text references users(id),
      details_recorded_at timestamptz,
      ended_at timestamptz,
      end_reason text,
      ended_by text references users(id),
      check ((ended_at is null) = (end_reason is null))
    )`.execute(db)
  // One live listing per developer of a case; ended ones stay as history.
  await sql`create unique index uncontactable_listings_live_idx on uncontactable_listings (party_id) where ended_at is null`.execute(db)
  await sql`create index uncontactable_listings_public_idx on uncontactable_listings (listed_at desc) where ended_at is null`.execute(db)
  await sql`create index uncontactable_listings_case_idx on uncontactable_listings (case_id)`.execute(db)

  await sql`
    create table uncontactable_tips (
      id text primary key,
      listing_id text not null references uncontactable_listings(id),
      case_id text not null references cases(id),
      name text not null,
      email text not null,
      message text not null,
      created_at timestamptz not null
    )`.execute(db)
  await sql`create index uncontactable_tips_case_idx on uncontactable_tips (case_id, created_at)`.execute(db)

  // A coordinator's handling of a tip (issue 3): who, when, the outcome and a note, all or nothing.
  await sql`
    alter table uncontactable_tips
      add column if not exists handled_at timestamptz,
      add column if not exists handled_by text references users(id),
      add column if not exists handling_outcome text check (handling_outcome in ('reached_developer', 'not_useful')),
      add column if not exists handling_note text check (
        (handled_at is null and handled_by is null and handling_outcome is null and handling_note is null)
        or (handled_at is not null and handling_outcome is not null and handling_note is not null)
      )`.execute(db)
}
