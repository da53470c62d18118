import type { DB } from '../platform/db/database.js'
import { readContent, type AdvisoryContent } from '../advisories/index.js'
import type { Sector } from './sectors.js'

/** A provision with its targets and the state of its advisory, as the use cases need it. */
export type ProvisionRecord = {
  id: string
  caseId: string
  advisoryId: string
  leadBusinessDays: number
  /** The case's publication is a committee decision; the reason is for staff only, never recipients. */
  fromCommitteeDecision: boolean
  committeeDecisionReason: string | null
  createdAt: Date
  updatedAt: Date
  sectors: Sector[]
  organizationIds: string[]
  advisory: { status: 'draft' | 'scheduled' | 'published'; publishAt: Date | null; identifier: string | null }
}

const baseQuery = (db: DB) => db.selectFrom('priority_information_provisions as p')
  .innerJoin('advisories as a', 'a.id', 'p.advisory_id')
  .select(['p.id', 'p.case_id', 'p.advisory_id', 'p.lead_business_days', 'p.from_committee_decision', 'p.committee_decision_reason', 'p.created_at', 'p.updated_at', 'a.status', 'a.publish_at', 'a.identifier'])

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

/** Attaches the target lists to provision rows, in two queries whatever the number of rows. */
async function withTargets(db: DB, rows: BaseRow[]): Promise<ProvisionRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const sectors = await db.selectFrom('priority_information_target_sectors').select(['provision_id', 'sector']).where('provision_id', 'in', ids).orderBy('sector').execute()
  const orgs = await db.selectFrom('priority_information_target_organizations').select(['provision_id', 'organization_id']).where('provision_id', 'in', ids).execute()
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, advisoryId: r.advisory_id, leadBusinessDays: r.lead_business_days, createdAt: r.created_at, updatedAt: r.updated_at,
    fromCommitteeDecision: r.from_committee_decision, committeeDecisionReason: r.committee_decision_reason,
    sectors: sectors.filter((s) => s.provision_id === r.id).map((s) => s.sector),
    organizationIds: orgs.filter((o) => o.provision_id === r.id).map((o) => o.organization_id),
    advisory: { status: r.status, publishAt: r.publish_at, identifier: r.identifier },
  }))
}

/**
 * Whether the case's publication is the committee's decision (連絡不能公表 / 調整不能公表, EoL D/E):
 * the reason it was referred for, or null. The priority-information rules never considered these.
 */
export async function committeeDecisionOf(db: DB, caseId: string): Promise<'uncontactable' | 'uncoordinatable' | null> {
  const row = await db.selectFrom('committee_decisions').innerJoin('committee_referrals', 'committee_referrals.id', 'committee_decisions.referral_id')
    .select('committee_referrals.reason').where('committee_referrals.case_id', '=', caseId).where('committee_decisions.decision', '=', 'publish')
    .orderBy('committee_decisions.decided_at', 'desc').executeTakeFirst()
  return row?.reason ?? null
}

export async function findProvision(db: DB, id: string): Promise<ProvisionRecord | null> {
  const row = await baseQuery(db).where('p.id', '=', id).executeTakeFirst()
  return row ? (await withTargets(db, [row]))[0]! : null
}

export async function findProvisionByCase(db: DB, caseId: string): Promise<ProvisionRecord | null> {
  const row = await baseQuery(db).where('p.case_id', '=', caseId).executeTakeFirst()
  return row ? (await withTargets(db, [row]))[0]! : null
}

/** Every provision whose advisory has a publication time (the only ones that can ever open). */
export async function listScheduledProvisions(db: DB, opts: { futureOnlyAfter?: Date } = {}): Promise<ProvisionRecord[]> {
  let q = baseQuery(db).where('a.status', 'in', ['scheduled', 'published']).where('a.publish_at', 'is not', null)
  if (opts.futureOnlyAfter) q = q.where('a.status', '=', 'scheduled').where('a.publish_at', '>', opts.futureOnlyAfter)
  return withTargets(db, await q.orderBy('a.publish_at', 'desc').execute())
}

export async function listAllProvisions(db: DB): Promise<ProvisionRecord[]> {
  return withTargets(db, await baseQuery(db).orderBy('p.created_at', 'desc').execute())
}

/** Provisions addressed to one organisation, by name or through its sector (whatever their time). */
export async function listProvisionsAddressedTo(db: DB, org: { id: string; sector: Sector | null }): Promise<ProvisionRecord[]> {
  const rows = await baseQuery(db).where((eb) => eb.or([
    eb.exists(eb.selectFrom('priority_information_target_organizations as o').select('o.provision_id')
      .whereRef('o.provision_id', '=', 'p.id').where('o.organization_id', '=', org.id)),
    ...(org.sector ? [eb.exists(eb.selectFrom('priority_information_target_sectors as s').select('s.provision_id')
      .whereRef('s.provision_id', '=', 'p.id').where('s.sector', '=', org.sector))] : []),
  ])).orderBy('a.publish_at', 'desc').execute()
  return withTargets(db, rows)
}

/** Whether a provision reaches an organisation: named, or a member of a named sector. */
export const isAddressedTo = (p: Pick<ProvisionRecord, 'sectors' | 'organizationIds'>, org: { id: string; sector: Sector | null }) =>
  p.organizationIds.includes(org.id) || (org.sector !== null && p.sectors.includes(org.sector))

/** The critical-infrastructure organisations a provision reaches now. */
export async function recipientOrganizations(db: DB, p: Pick<ProvisionRecord, 'sectors' | 'organizationIds'>) {
  if (p.sectors.length === 0 && p.organizationIds.length === 0) return []
  return db.selectFrom('organizations').select(['id', 'name_ja', 'name_en', 'sector'])
    .where('kind', '=', 'critical_infrastructure')
    .where((eb) => eb.or([
      ...(p.organizationIds.length ? [eb('id', 'in', p.organizationIds)] : []),
      ...(p.sectors.length ? [eb('sector', 'in', p.sectors)] : []),
    ]))
    .orderBy('sector').orderBy('name_ja').execute()
}

/** The critical-infrastructure organisation a user belongs to, or null. */
export async function ciOrganizationOf(db: DB, organizationId: string | null): Promise<{ id: string; sector: Sector | null; name_ja: string; name_en: string } | null> {
  if (!organizationId) return null
  const org = await db.selectFrom('organizations').select(['id', 'sector', 'name_ja', 'name_en'])
    .where('id', '=', organizationId).where('kind', '=', 'critical_infrastructure').executeTakeFirst()
  return org ?? null
}

export async function advisoryContent(db: DB, advisoryId: string): Promise<AdvisoryContent> {
  const row = await db.selectFrom('advisories').select('content').where('id', '=', advisoryId).executeTakeFirstOrThrow()
  return readContent(row.content)
}

export async function hasAccepted(db: DB, provisionId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('priority_information_acceptances').select('user_id')
    .where('provision_id', '=', provisionId).where('user_id', '=', userId).executeTakeFirst())
}

/** Records one access by a recipient; `what` names the step (terms shown, accepted, draft read…). */
export async function logAccess(db: DB, e: { userId: string; caseId: string; what: string; at: Date }) {
  await db.insertInto('access_log').values({ user_id: e.userId, case_id: e.caseId, what: `priority_information:${e.what}`, occurred_at: e.at }).execute()
}
