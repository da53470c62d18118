import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { advisoryContent, findProvision, findProvisionByCase, listAllProvisions, listScheduledProvisions, recipientOrganizations, type ProvisionRecord } from './provisions.repository.js'
import { provisionState } from './provision-time.js'
import { SECTORS, type Sector } from './sectors.js'

/** Every provision with where it stands now (coordinators). */
export async function listProvisionsForStaff(deps: Deps) {
  const now = deps.clock.now()
  const provisions = await listAllProvisions(deps.db)
  return Promise.all(provisions.map(async (p) => ({
    provision: p, ...provisionState(p.advisory, p.leadBusinessDays, now), title: (await advisoryContent(deps.db, p.advisoryId)).title,
  })))
}

async function describe(db: DB, p: ProvisionRecord, now: Date) {
  const recipients = await recipientOrganizations(db, p)
  const notices = await db.selectFrom('priority_information_recipients').select(['organization_id', 'notified_at', 'notified_provide_at'])
    .where('provision_id', '=', p.id).execute()
  return {
    provision: p,
    ...provisionState(p.advisory, p.leadBusinessDays, now),
    recipients: recipients.map((o) => ({ ...o, notifiedAt: notices.find((n) => n.organization_id === o.id)?.notified_at ?? null })),
  }
}

/** A case's provision for the case page and its API (null when the advisory is not marked). */
export async function provisionOfCase(deps: Deps, caseId: string) {
  const p = await findProvisionByCase(deps.db, caseId)
  return p ? describe(deps.db, p, deps.clock.now()) : null
}

/**
 * The staff record of one provision: its recipients (with when they were mailed), who accepted the
 * terms and every recipient access. Coordinators look; they are never recipients.
 */
export async function loadProvisionForStaff(deps: Deps, provisionId: string) {
  const p = await findProvision(deps.db, provisionId)
  if (!p) throw errors.notFound()
  const base = await describe(deps.db, p, deps.clock.now())
  const acceptances = await deps.db.selectFrom('priority_information_acceptances as x')
    .innerJoin('users as u', 'u.id', 'x.user_id').innerJoin('organizations as o', 'o.id', 'x.organization_id')
    .select(['u.display_name', 'u.email', 'o.name_ja', 'o.name_en', 'x.accepted_at', 'x.terms_version'])
    .where('x.provision_id', '=', p.id).orderBy('x.accepted_at').execute()
  const accessLog = await deps.db.selectFrom('access_log as l').innerJoin('users as u', 'u.id', 'l.user_id')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['l.id', 'l.what', 'l.occurred_at', 'u.display_name', 'u.email', 'o.name_ja', 'o.name_en'])
    .where('l.case_id', '=', p.caseId).where('l.what', 'like', 'priority_information:%').orderBy('l.id').execute()
  return { ...base, title: (await advisoryContent(deps.db, p.advisoryId)).title, acceptances, accessLog }
}

export type SectorCount = { sector: Sector; organizations: number; provisions: number; acceptances: number }

/**
 * Priority-information counts by sector (DESIGN §8): critical-infrastructure organisations in the
 * sector, provisions that reached it by `now` (whole sector or a named organisation of it, from the
 * provision time on) and terms acceptances by its members.
 */
export async function countsBySector(db: DB, now: Date): Promise<{ rows: SectorCount[]; provisionsProvided: number }> {
  const orgs = await db.selectFrom('organizations').select(['id', 'sector']).where('kind', '=', 'critical_infrastructure').execute()
  const provided = (await listScheduledProvisions(db)).filter((p) => {
    const { state } = provisionState(p.advisory, p.leadBusinessDays, now)
    return state === 'open' || state === 'published'
  })
  const accepted = await db.selectFrom('priority_information_acceptances as x').innerJoin('organizations as o', 'o.id', 'x.organization_id')
    .select(['o.sector', (eb) => eb.fn.countAll<number>().as('n')]).where('x.accepted_at', '<=', now).groupBy('o.sector').execute()
  const rows = SECTORS.map(({ key }) => {
    const inSector = new Set(orgs.filter((o) => o.sector === key).map((o) => o.id))
    return {
      sector: key,
      organizations: inSector.size,
      provisions: provided.filter((p) => p.sectors.includes(key) || p.organizationIds.some((id) => inSector.has(id))).length,
      acceptances: Number(accepted.find((a) => a.sector === key)?.n ?? 0),
    }
  })
  // One provision can reach several sectors, so the total is counted once per provision.
  return { rows, provisionsProvided: provided.length }
}
