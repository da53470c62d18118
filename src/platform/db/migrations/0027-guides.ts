import { sql, type Kysely } from 'kysely'

/**
 * Issue 13: guides and outreach (DESIGN §9). Frozen once released: never import application code here.
 *
 * - `guide_checklist_versions`: the developer checklist as administrators edited it, one row per
 *   published version (version 1 is the text keikai ships and needs no row). A result names its version.
 * - `guide_checklist_results`: results a signed-in developer saved. `answers` maps item number → level 0–3.
 * - `guide_statements`: a developer organisation's public statement for a product (support period,
 *   security contact, update method), published at `/guides/statements/:slug` once `published_at` is set.
 * - `guide_channels`: outreach channels staff create (event, leaflet, partner site …); the tag in `?ch=`.
 * - `guide_visits`: counts only — page views and distinct visitors per day, page, channel and way in
 *   (`web` or `qr`). `guide_visitor_marks` holds one-way marks (HMAC with a daily secret) of who was
 *   counted today, and `guide_secrets` those secrets; both are dropped after two days, so no mark can
 *   be tied to a visitor later. No cookie is set for counting.
 * - `guide_ratings`: one 1–5 rating per visitor (a mark under a lasting secret) and page; a repeat replaces it.
 * - `guide_downloads`: a download of a guide document, with the optional survey answer (purpose).
 * - `guide_subscriptions`: e-mail addresses registered for update notices, double opt-in; tokens hashed.
 * - `guide_revisions`: a change to a guide or the checklist announced to subscribers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table guide_checklist_versions (
      version integer primary key check (version >= 2),
      items jsonb not null,
      change_note_ja text not null,
      change_note_en text not null,
      published_at timestamptz not null,
      published_by text references users(id)
    )`.execute(db)
  await sql`
    create table guide_checklist_results (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      version integer not null check (version >= 1),
      product_name text not null default '',
      answers jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db)
  await sql`create index guide_checklist_results_user_idx on guide_checklist_results (user_id, updated_at desc)`.execute(db)
  await sql`
    create table guide_statements (
      id text primary key,
      organization_id text not null references organizations(id) on delete cascade,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{2,62}$'),
      product_name text not null,
      support_ends_on date,
      support_note_ja text not null default '',
      support_note_en text not null default '',
      contact_url text,
      contact_email text,
      update_method_ja text not null default '',
      update_method_en text not null default '',
      checklist_result_id text references guide_checklist_results(id) on delete set null,
      published_at timestamptz,
      created_by text references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db)
  await sql`
    create table guide_channels (
      tag text primary key check (tag ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      kind text not null check (kind in ('event', 'leaflet', 'partner', 'web', 'other')),
      name_ja text not null,
      name_en text not null,
      created_by text references users(id),
      created_at timestamptz not null,
      archived_at timestamptz
    )`.execute(db)
  await sql`
    create table guide_visits (
      day date not null,
      page text not null,
      channel text not null default '',
      via text not null check (via in ('web', 'qr')),
      views integer not null default 0,
      visitors integer not null default 0,
      primary key (day, page, channel, via)
    )`.execute(db)
  await sql`
    create table guide_visitor_marks (
      day date not null,
      mark text not null,
      primary key (day, mark)
    )`.execute(db)
  await sql`
    create table guide_secrets (
      name text primary key,
      secret text not null,
      created_at timestamptz not null
    )`.execute(db)
  await sql`
    create table guide_ratings (
      page text not null,
      visitor text not null,
      stars smallint not null check (stars between 1 and 5),
      comment text not null default '',
      channel text not null default '',
      language text not null check (language in ('ja', 'en')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (page, visitor)
    )`.execute(db)
  await sql`create index guide_ratings_updated_idx on guide_ratings (updated_at)`.execute(db)
  await sql`
    create table guide_downloads (
      id text primary key,
      document text not null,
      language text not null check (language in ('ja', 'en')),
      purpose text check (purpose in ('development', 'procurement', 'education', 'personal', 'other')),
      channel text not null default '',
      created_at timestamptz not null
    )`.execute(db)
  await sql`create index guide_downloads_created_idx on guide_downloads (created_at)`.execute(db)
  await sql`
    create table guide_subscriptions (
      id text primary key,
      email text not null,
      language text not null check (language in ('ja', 'en')),
      topics jsonb not null,
      status text not null check (status in ('pending', 'confirmed', 'unsubscribed')),
      confirm_token_hash text,
      unsubscribe_token_hash text not null,
      channel text not null default '',
      created_at timestamptz not null,
      confirmed_at timestamptz,
      unsubscribed_at timestamptz
    )`.execute(db)
  await sql`create unique index guide_subscriptions_email_idx on guide_subscriptions (lower(email))`.execute(db)
  await sql`create index guide_subscriptions_confirm_idx on guide_subscriptions (confirm_token_hash) where confirm_token_hash is not null`.execute(db)
  await sql`create unique index guide_subscriptions_unsubscribe_idx on guide_subscriptions (unsubscribe_token_hash)`.execute(db)
  await sql`
    create table guide_revisions (
      id text primary key,
      topic text not null check (topic in ('checklist', 'choosing', 'using')),
      note_ja text not null,
      note_en text not null,
      published_at timestamptz not null,
      published_by text references users(id)
    )`.execute(db)
}
