import type { CurrentUser, Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId, randomDigits } from '../platform/secrets.js'
import { errors } from '../platform/errors.js'
import { tokyoDate, translator } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { appendEvent, actorOf, transitionProductCase, type Actor } from '../cases/case-events.js'
import { scoreVulnerabilities, writeVulnerabilities } from '../advisories/index.js'
import type { SelfReportInput } from './self-reports.schemas.js'
import { findSelfReport } from './self-reports.repository.js'

async function freeReceiptNumber(trx: DB, now: Date): Promise<string> {
  const year = tokyoDate(now).slice(0, 4)
  for (;;) {
    const candidate = `SR-${year}-${randomDigits(6)}`
    if (!(await trx.selectFrom('self_reports').select('id').where('receipt_number', '=', candidate).executeTakeFirst())) return candidate
  }
}

/** A pointer to sign in, never the report's content (mail leaves the system). */
async function mailSubmitter(trx: DB, deps: Deps, userId: string, what: 'received' | 'accepted' | 'not_accepted', receipt: string, now: Date) {
  const u = await trx.selectFrom('users').select(['email', 'locale']).where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst()
  if (!u) return
  const t = translator(u.locale)
  await enqueueMail(trx, {
    to: u.email,
    subject: t(`self_reports.mail.${what}.subject`, { receipt }),
    text: t(`self_reports.mail.${what}.body`, { receipt, url: `${deps.config.publicUrl}/self-reports` }),
  }, now)
}

/**
 * Files a 自社製品届出: one transaction writes a product case (source 'self_report', status
 * `received`), the developer's own organisation as a party that is already notified and has answered
 * "vulnerable" with its statement, fix and proposed date, the vulnerability (CVSS scored) with the
 * organisation's status for it (fixed once the fix is released, else affected), the self-report
 * with its receipt number, the event and a receipt mail. No invitation: the reporter is the party.
 */
export async function submitSelfReport(deps: Deps, input: { report: SelfReportInput; user: CurrentUser }) {
  const { report: r, user } = input
  if (!user.organizationId) throw errors.notFound()
  const organizationId = user.organizationId
  const scored = scoreVulnerabilities([{
    title: { ja: r.vulnerabilityTitle.ja, en: r.vulnerabilityTitle.en ?? r.vulnerabilityTitle.ja }, cveId: r.cveId, cweId: r.cweId,
    cvss31Vector: r.cvss31Vector, cvss40Vector: r.cvss40Vector, id: undefined,
  }])
  const caseId = newId()
  const partyId = newId()
  const selfReportId = newId()
  const receiptNumber = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const receipt = await freeReceiptNumber(trx, now)
    await trx.insertInto('cases').values({
      id: caseId, kind: 'product', status: 'received', source: 'self_report',
      title: `${r.productName} ${r.productVersions}`.slice(0, 300), product_type: r.productType ?? null, created_at: now, updated_at: now,
    }).execute()
    await trx.insertInto('case_parties').values({
      id: partyId, case_id: caseId, organization_id: organizationId, status: 'responded', notified_at: now, response: 'vulnerable',
      statement_ja: r.statement.ja, statement_en: r.statement.en ?? null, fix_plan: r.fixDescription,
      proposed_publication_date: r.proposedPublicationDate ?? null, created_at: now,
    }).execute()
    await writeVulnerabilities(trx, caseId, scored)
    const fixed = Boolean(r.fixReleasedOn && r.fixReleasedOn <= tokyoDate(now))
    const vulns = await trx.selectFrom('vulnerabilities').select('id').where('case_id', '=', caseId).execute()
    for (const v of vulns) {
      await trx.insertInto('party_vulnerability_statuses').values({ party_id: partyId, vulnerability_id: v.id, status: fixed ? 'fixed' : 'affected', updated_at: now }).execute()
    }
    await trx.insertInto('self_reports').values({
      id: selfReportId, case_id: caseId, organization_id: organizationId, party_id: partyId, submitted_by: user.id, receipt_number: receipt,
      product_name: r.productName, product_versions: r.productVersions, description: r.description, fix_description: r.fixDescription,
      fixed_versions: r.fixedVersions ?? null, fix_released_on: r.fixReleasedOn ?? null, submitted_at: now,
    }).execute()
    await appendEvent(trx, {
      caseId, type: 'self_report_submitted', actor: actorOf(user), at: now, to: 'received',
      data: { selfReportId, receiptNumber: receipt, partyId, organizationId, ...(r.productType && { productType: r.productType }) },
    })
    await mailSubmitter(trx, deps, user.id, 'received', receipt, now)
    return receipt
  })
  return { selfReportId, caseId, receiptNumber }
}

async function loadOrThrow(deps: Deps, selfReportId: string) {
  const sr = await findSelfReport(deps.db, selfReportId)
  if (!sr) throw errors.notFound()
  return sr
}

/** 受理 of a self-report (intake or coordinator); the reporter is told by a pointer mail. */
export async function acceptSelfReport(deps: Deps, input: { selfReportId: string; actor: Actor; note?: string | undefined }) {
  const sr = await loadOrThrow(deps, input.selfReportId)
  const r = await transitionProductCase(deps.db, {
    caseId: sr.case_id, action: 'accept', actor: input.actor, clock: deps.clock,
    changes: { accepted_at: deps.clock.now() }, data: { selfReportId: sr.id, note: input.note ?? null },
    apply: async (trx, { now }) => { await mailSubmitter(trx, deps, sr.submitted_by, 'accepted', sr.receipt_number, now) },
  })
  return { caseId: sr.case_id, status: r.to }
}

/** 不受理 of a self-report with a reason; the case closes and the reporter is told by a pointer mail. */
export async function rejectSelfReport(deps: Deps, input: { selfReportId: string; actor: Actor; reason: string; note?: string | undefined }) {
  const sr = await loadOrThrow(deps, input.selfReportId)
  const r = await transitionProductCase(deps.db, {
    caseId: sr.case_id, action: 'reject', actor: input.actor, clock: deps.clock,
    changes: { rejection_reason: input.reason, closed_at: deps.clock.now() },
    data: { selfReportId: sr.id, reason: input.reason, note: input.note ?? null },
    apply: async (trx, { now }) => { await mailSubmitter(trx, deps, sr.submitted_by, 'not_accepted', sr.receipt_number, now) },
  })
  return { caseId: sr.case_id, status: r.to }
}

/**
 * The coordinator takes an accepted self-report into coordination with the ordinary transitions:
 * `notify_developer` (the reporting organisation already knows: no mail, no invitation; today
 * becomes the 起算日 and the coordinator takes the case), then `confirm_vulnerable`, since the
 * developer said so — the case is then `fix_in_progress`, ready for the advisory. Each transition
 * is its own transaction; run again after a failure, it continues where it stopped.
 */
export async function startSelfReportCoordination(deps: Deps, input: { selfReportId: string; actor: Actor }) {
  const sr = await loadOrThrow(deps, input.selfReportId)
  if (sr.status === 'accepted') {
    const startDate = tokyoDate(deps.clock.now())
    await transitionProductCase(deps.db, {
      caseId: sr.case_id, action: 'notify_developer', actor: input.actor, clock: deps.clock,
      changes: { start_date: startDate, ...(input.actor.user ? { coordinator_id: input.actor.user.id } : {}) },
      data: { startDate, partyId: sr.party_id, selfReportId: sr.id },
    })
  }
  const r = await transitionProductCase(deps.db, {
    caseId: sr.case_id, action: 'confirm_vulnerable', actor: input.actor, clock: deps.clock,
    data: { partyId: sr.party_id, selfReportId: sr.id },
  })
  return { caseId: sr.case_id, status: r.to }
}
