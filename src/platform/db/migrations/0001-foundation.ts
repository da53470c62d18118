import { sql, type Kysely } from 'kysely'

// Frozen in time: this migration never imports application code, so the status lists are copied here.
const PRODUCT_STATUSES = [
  'received', 'not_accepted', 'accepted', 'contacting_developer', 'uncontactable', 'committee_review',
  'developer_notified', 'investigating', 'not_vulnerable', 'fix_in_progress', 'publication_scheduled',
  'published', 'handled_individually', 'closed_low_impact',
]
const WEBSITE_STATUSES = [
  'received', 'not_accepted', 'accepted', 'operator_notified', 'fixed', 'not_vulnerable', 'closed_by_alert', 'stalled',
]
const ROLES = ['intake', 'coordinator', 'committee', 'admin']
const PARTY_STATUSES = ['to_contact', 'contacting', 'uncontactable', 'notified', 'investigating', 'responded']
const VULN_STATUSES = ['unknown', 'affected', 'not_affected', 'fixed']

const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)

  await sql`
    create table organizations (
      id text primary key,
      kind text not null check (kind in ('developer', 'operator', 'critical_infrastructure')),
      name_ja text not null,
      name_en text not null,
      website text,
      pgp_public_key text,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table users (
      id text primary key,
      email text not null unique,
      display_name text not null,
      password_hash text,
      roles text[] not null default '{}' check (roles <@ array[${list(ROLES)}]::text[]),
      locale text not null default 'ja' check (locale in ('ja', 'en')),
      organization_id text references organizations(id),
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table organization_contacts (
      id text primary key,
      organization_id text not null references organizations(id),
      name text not null,
      email text not null,
      phone text,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table sessions (
      id_hash text primary key,
      user_id text not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db)

  await sql`
    create table api_tokens (
      id text primary key,
      user_id text not null references users(id),
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db)

  await sql`
    create table invitations (
      id text primary key,
      token_hash text not null unique,
      purpose text not null check (purpose in ('first_admin', 'organization_member', 'staff')),
      email text,
      organization_id text references organizations(id),
      roles text[] not null default '{}',
      case_id text,
      created_by text references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by text references users(id),
      revoked_at timestamptz
    )`.execute(db)

  await sql`
    create table cases (
      id text primary key,
      kind text not null check (kind in ('product', 'website')),
      status text not null,
      source text not null default 'finder' check (source in ('finder', 'self_report', 'overseas')),
      title text not null,
      product_type text,
      cause text,
      rejection_reason text,
      duplicate_of text references cases(id),
      coordinator_id text references users(id),
      accepted_at timestamptz,
      start_date date,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (
        (kind = 'product' and status in (${list(PRODUCT_STATUSES)}))
        or (kind = 'website' and status in (${list(WEBSITE_STATUSES)}))
      )
    )`.execute(db)
  await sql`create index cases_status_idx on cases (kind, status)`.execute(db)

  await sql`
    create table reports (
      id text primary key,
      case_id text not null references cases(id),
      receipt_number text not null unique,
      kind text not null check (kind in ('product', 'website')),
      finder_user_id text references users(id),
      tracking_token_hash text not null unique,
      finder_name text not null,
      finder_email text,
      finder_organization text,
      consent_share_identity boolean not null default false,
      consent_credit boolean not null default false,
      credit_name text,
      locale text not null default 'ja',
      details jsonb not null,
      submitted_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index reports_case_idx on reports (case_id)`.execute(db)
  await sql`create index reports_finder_idx on reports (finder_user_id)`.execute(db)

  await sql`
    create table attachments (
      id text primary key,
      report_id text not null references reports(id),
      filename text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      data bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table case_parties (
      id text primary key,
      case_id text not null references cases(id),
      organization_id text not null references organizations(id),
      status text not null default 'to_contact' check (status in (${list(PARTY_STATUSES)})),
      notified_at timestamptz,
      response text check (response in ('vulnerable', 'not_vulnerable')),
      statement_ja text,
      statement_en text,
      fix_plan text,
      proposed_publication_date date,
      created_at timestamptz not null default now(),
      unique (case_id, organization_id)
    )`.execute(db)

  await sql`
    create table contact_attempts (
      id text primary key,
      case_id text not null references cases(id),
      party_id text not null references case_parties(id),
      channel text not null check (channel in ('email', 'web_form', 'phone', 'postal', 'other')),
      address text not null,
      attempted_at timestamptz not null,
      result text not null check (result in ('no_answer', 'bounced', 'reached', 'refused')),
      note text,
      recorded_by text not null references users(id),
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table vulnerabilities (
      id text primary key,
      case_id text not null references cases(id),
      position integer not null,
      title_ja text not null,
      title_en text not null,
      cve_id text,
      cwe_id text,
      cvss31_vector text,
      cvss31_score numeric(3,1),
      cvss40_vector text,
      cvss40_score numeric(3,1),
      created_at timestamptz not null default now(),
      unique (case_id, position)
    )`.execute(db)

  await sql`
    create table party_vulnerability_statuses (
      party_id text not null references case_parties(id),
      vulnerability_id text not null references vulnerabilities(id),
      status text not null default 'unknown' check (status in (${list(VULN_STATUSES)})),
      updated_at timestamptz not null default now(),
      primary key (party_id, vulnerability_id)
    )`.execute(db)

  await sql`
    create table messages (
      id text primary key,
      case_id text not null references cases(id),
      thread text not null check (thread in ('developer', 'finder')),
      party_id text references case_parties(id),
      report_id text references reports(id),
      author_user_id text references users(id),
      author_label text not null,
      body text not null,
      created_at timestamptz not null default now(),
      check ((thread = 'developer' and party_id is not null) or (thread = 'finder' and report_id is not null))
    )`.execute(db)
  await sql`create index messages_case_idx on messages (case_id, created_at)`.execute(db)

  await sql`
    create table advisories (
      id text primary key,
      case_id text not null unique references cases(id),
      identifier text unique,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'published')),
      publish_at timestamptz,
      published_at timestamptz,
      content jsonb not null,
      search_text text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'draft' or (identifier is not null and publish_at is not null))
    )`.execute(db)
  await sql`create index advisories_public_idx on advisories (publish_at desc) where status in ('scheduled', 'published')`.execute(db)
  await sql`create index advisories_search_idx on advisories using gin (search_text gin_trgm_ops)`.execute(db)

  await sql`
    create table advisory_revisions (
      id text primary key,
      advisory_id text not null references advisories(id),
      revised_at timestamptz not null,
      note_ja text not null,
      note_en text not null
    )`.execute(db)

  await sql`
    create table case_events (
      id bigserial primary key,
      case_id text not null references cases(id),
      type text not null,
      from_status text,
      to_status text,
      actor_user_id text references users(id),
      actor_label text not null,
      occurred_at timestamptz not null,
      data jsonb not null default '{}'
    )`.execute(db)
  await sql`create index case_events_case_idx on case_events (case_id, id)`.execute(db)
  await sql`create index case_events_type_idx on case_events (type, occurred_at)`.execute(db)

  await sql`
    create table access_log (
      id bigserial primary key,
      user_id text references users(id),
      case_id text references cases(id),
      what text not null,
      occurred_at timestamptz not null
    )`.execute(db)

  await sql`
    create table mail_outbox (
      id text primary key,
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    )`.execute(db)
  await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending'`.execute(db)

  await sql`
    create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      count integer not null
    )`.execute(db)
}
