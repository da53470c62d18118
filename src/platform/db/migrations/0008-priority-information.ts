import { sql, type Kysely } from 'kysely'

// Frozen in time: this migration never imports application code, so the sector list is copied here.
const SECTORS = [
  'electricity', 'gas', 'water', 'government', 'finance', 'telecommunications', 'broadcasting', 'aviation', 'railways',
  'logistics', 'medical', 'chemicals', 'credit_cards', 'petroleum',
]
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * Priority information provision (優先情報提供, issue 3). The provision time is deliberately not a
 * column: it is computed from the advisory's publish_at and the lead time, so a moved publication
 * date moves the provision with it. Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Only critical-infrastructure organisations have a sector.
  await sql`
    alter table organizations add column sector text
      check (sector is null or (kind = 'critical_infrastructure' and sector in (${list(SECTORS)})))`.execute(db)
  await sql`create index organizations_sector_idx on organizations (sector) where sector is not null`.execute(db)

  await sql`
    create table priority_information_provisions (
      id text primary key,
      case_id text not null unique references cases(id),
      advisory_id text not null unique references advisories(id),
      lead_business_days integer not null check (lead_business_days between 1 and 60),
      marked_by text references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db)

  await sql`
    create table priority_information_target_sectors (
      provision_id text not null references priority_information_provisions(id),
      sector text not null check (sector in (${list(SECTORS)})),
      primary key (provision_id, sector)
    )`.execute(db)

  await sql`
    create table priority_information_target_organizations (
      provision_id text not null references priority_information_provisions(id),
      organization_id text not null references organizations(id),
      primary key (provision_id, organization_id)
    )`.execute(db)
  await sql`create index pi_target_orgs_org_idx on priority_information_target_organizations (organization_id)`.execute(db)

  // One row per (provision, recipient organisation): the mail notice's state, claimed by the job.
  await sql`
    create table priority_information_recipients (
      provision_id text not null references priority_information_provisions(id),
      organization_id text not null references organizations(id),
      notified_provide_at timestamptz,
      notified_at timestamptz,
      primary key (provision_id, organization_id)
    )`.execute(db)

  await sql`
    create table priority_information_acceptances (
      provision_id text not null references priority_information_provisions(id),
      user_id text not null references users(id),
      organization_id text not null references organizations(id),
      terms_version text not null,
      accepted_at timestamptz not null,
      primary key (provision_id, user_id)
    )`.execute(db)
}
