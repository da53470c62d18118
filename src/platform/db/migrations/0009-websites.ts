import { sql, type Kysely } from 'kysely'

// Frozen in time: this migration never imports application code, so the lists are copied here.
const ORGANIZATION_TYPES = ['company', 'association', 'local_government', 'individual', 'education', 'government']
const FIX_TYPES = ['code_fixed', 'workaround', 'page_deleted']
const TIMER_KINDS = [
  'developer_acknowledgement', 'publication_target', 'uncontactable_product_details', 'committee_referral', 'priority_information_lead',
  'website_long_running',
]
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * The website flow (issue 4, DESIGN §4): operators' organisation type, the website case's
 * classification and fix, and the long-running deadline policy. Frozen once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Only website operators have an organisation type.
  await sql`
    alter table organizations add column org_type text
      check (org_type is null or (kind = 'operator' and org_type in (${list(ORGANIZATION_TYPES)})))`.execute(db)

  // Website classification (DESIGN §8 lists) and the fix; the event log keeps their history.
  await sql`alter table cases add column vulnerability_type text`.execute(db)
  await sql`alter table cases add column impact text`.execute(db)
  await sql`alter table cases add column fix_type text check (fix_type is null or (kind = 'website' and fix_type in (${list(FIX_TYPES)})))`.execute(db)
  await sql`alter table cases add column fixed_on date`.execute(db)
  await sql`create index cases_website_open_idx on cases (status, start_date) where kind = 'website'`.execute(db)

  // "Website long-running after 90 days" joins the deadline policies (DESIGN §7).
  await sql`alter table deadline_policies drop constraint deadline_policies_kind_check`.execute(db)
  await sql`alter table deadline_policies add constraint deadline_policies_kind_check check (kind in (${list(TIMER_KINDS)}))`.execute(db)
  await sql`insert into deadline_policies (kind, label_ja, label_en, base_event, direction, offset_amount, offset_unit, reminder_lead_business_days)
    values ('website_long_running', 'ウェブサイトの取扱い長期化', 'Website case long-running', 'notification', 'after', 90, 'calendar_days', 10)`.execute(db)
}
