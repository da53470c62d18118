import { sql, type Kysely } from 'kysely'

/**
 * Other sources of product cases (issue 3): coordination requests from overseas CSIRTs and
 * vendors, developers' own reports (自社製品届出), and reminders to the many vendors of one case.
 * Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Who asked us to coordinate, and their reference (e.g. CERT/CC, VU#123456): on the case itself,
  // so lists and searches need no join.
  await sql`alter table cases add column source_name text, add column source_reference text`.execute(db)
  // One case per request: the same reference from the same source must not open a second case.
  await sql`
    create unique index cases_source_reference_idx on cases (lower(source_name), source_reference)
    where source_reference is not null`.execute(db)

  await sql`
    create table coordination_requests (
      case_id text primary key references cases(id),
      received_on date not null,
      summary text not null,
      agreed_publication_at timestamptz,
      created_by text not null references users(id),
      created_at timestamptz not null
    )`.execute(db)

  await sql`
    create table self_reports (
      id text primary key,
      case_id text not null unique references cases(id),
      organization_id text not null references organizations(id),
      party_id text not null references case_parties(id),
      submitted_by text not null references users(id),
      receipt_number text not null unique,
      product_name text not null,
      product_versions text not null,
      description text not null,
      fix_description text not null,
      fixed_versions text,
      fix_released_on date,
      submitted_at timestamptz not null
    )`.execute(db)
  await sql`create index self_reports_org_idx on self_reports (organization_id, submitted_at desc)`.execute(db)

  await sql`
    create table party_reminders (
      id text primary key,
      case_id text not null references cases(id),
      party_id text not null references case_parties(id),
      sent_at timestamptz not null,
      recipients integer not null check (recipients >= 0),
      sent_by text references users(id)
    )`.execute(db)
  await sql`create index party_reminders_party_idx on party_reminders (party_id, sent_at desc)`.execute(db)
}
