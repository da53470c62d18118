import { sql, type Kysely } from 'kysely'

/**
 * The publication decision committee (公表判定委員会, DESIGN §3): referrals of uncontactable and
 * uncoordinatable cases, meetings, recusals, votes and decisions. Frozen once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table committee_referrals (
      id text primary key,
      case_id text not null references cases(id),
      reason text not null check (reason in ('uncontactable', 'uncoordinatable')),
      note text,
      status text not null default 'open' check (status in ('open', 'keep_waiting', 'publish', 'withdrawn')),
      referred_by text references users(id),
      referred_at timestamptz not null,
      decided_at timestamptz,
      closed_at timestamptz,
      close_reason text
    )`.execute(db)
  // A case is before the committee at most once at a time.
  await sql`create unique index committee_referrals_active_idx on committee_referrals (case_id) where status in ('open', 'keep_waiting')`.execute(db)

  await sql`
    create table committee_meetings (
      id text primary key,
      held_on date not null,
      chair_user_id text not null references users(id),
      notes text not null default '',
      recorded_by text not null references users(id),
      recorded_at timestamptz not null
    )`.execute(db)
  await sql`
    create table committee_meeting_attendees (
      meeting_id text not null references committee_meetings(id),
      user_id text not null references users(id),
      primary key (meeting_id, user_id)
    )`.execute(db)
  await sql`
    create table committee_meeting_referrals (
      meeting_id text not null references committee_meetings(id),
      referral_id text not null references committee_referrals(id),
      primary key (meeting_id, referral_id)
    )`.execute(db)
  await sql`create index committee_meeting_referrals_referral_idx on committee_meeting_referrals (referral_id)`.execute(db)

  await sql`
    create table committee_recusals (
      referral_id text not null references committee_referrals(id),
      user_id text not null references users(id),
      reason text not null,
      recused_at timestamptz not null,
      primary key (referral_id, user_id)
    )`.execute(db)

  // A member's current vote on a referral; every vote cast is also a case event.
  await sql`
    create table committee_votes (
      referral_id text not null references committee_referrals(id),
      user_id text not null references users(id),
      meeting_id text references committee_meetings(id),
      vote text not null check (vote in ('publish', 'keep_waiting')),
      comment text not null default '',
      cast_at timestamptz not null,
      primary key (referral_id, user_id)
    )`.execute(db)

  await sql`
    create table committee_decisions (
      id text primary key,
      referral_id text not null references committee_referrals(id),
      meeting_id text references committee_meetings(id),
      decision text not null check (decision in ('publish', 'keep_waiting')),
      reasons text not null,
      decided_by text not null references users(id),
      decided_at timestamptz not null,
      advisory_id text references advisories(id),
      publish_at timestamptz
    )`.execute(db)
  await sql`create index committee_decisions_referral_idx on committee_decisions (referral_id, decided_at)`.execute(db)
}
