import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { appendEvent, transitionProductCase, type Actor } from '../cases/case-events.js'
import { lockCase } from '../cases/cases.repository.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import { advisoryErrors } from './advisories.errors.js'
import type { AdvisoryDraftInput, ReviseInput, ScheduleInput } from './advisories.schemas.js'
import { composeContent, missingForPublication, searchColumnsOf, type AdvisoryContent, type AdvisoryText } from './advisory-content.js'
import {
  findAdvisoryByCase, insertAdvisory, insertRevision, listCaseVulnerabilities, listFinders, listVendorStatements,
  snapshotVulnerability, updateAdvisory,
} from './advisories.repository.js'
import { isPubliclyVisible } from './public-advisories.repository.js'
import { scoreVulnerabilities, writeVulnerabilities } from './vulnerabilities.js'
import { assignIdentifier, assignJvndbId, type CaseSource } from './identifiers.js'

export type AdvisoryDeps = Pick<Deps, 'db' | 'clock'>

/**
 * The content as it should be stored now: the coordinator's text plus the case's current
 * vulnerabilities, vendor statements and credits. `creditIds` given: exactly those finders, each of
 * whom must have consented (else `advisories.credit_without_consent`). `creditIds` undefined: every
 * consenting finder. `creditIds` null: refresh — the coordinator's named choice if there was one
 * (dropping anyone who has since withdrawn consent), else every consenting finder, including a
 * duplicate reporter who joined the case after the draft was saved.
 */
async function contentFor(trx: DB, caseId: string, text: AdvisoryText, creditIds: string[] | undefined | null, previous?: AdvisoryContent): Promise<AdvisoryContent> {
  const finders = await listFinders(trx, caseId)
  let credited
  const chosenBefore = creditIds === null && Boolean(previous?.creditsChosen)
  if (chosenBefore) {
    const chosen = new Set((previous?.credits ?? []).map((c) => c.reportId))
    credited = finders.filter((f) => f.consentCredit && chosen.has(f.reportId))
  } else if (creditIds === undefined || creditIds === null) {
    credited = finders.filter((f) => f.consentCredit)
  } else {
    const chosen = new Set(creditIds)
    credited = finders.filter((f) => chosen.has(f.reportId))
    if (credited.length !== chosen.size || credited.some((f) => !f.consentCredit)) throw advisoryErrors.creditWithoutConsent()
  }
  return composeContent({
    draft: text,
    vulnerabilities: (await listCaseVulnerabilities(trx, caseId)).map(snapshotVulnerability),
    vendorStatements: await listVendorStatements(trx, caseId),
    credits: credited.map((f) => ({ reportId: f.reportId, name: f.name })),
    creditsChosen: chosenBefore || Array.isArray(creditIds),
  })
}

/**
 * Creates or updates the draft advisory of a product case (coordinator), together with the case's
 * vulnerabilities — CVE/CWE checked, CVSS vectors scored here. A scheduled advisory stays scheduled
 * with the new text; one the public can already see changes only through `reviseAdvisory`.
 */
export async function saveAdvisoryDraft(deps: AdvisoryDeps, input: { caseId: string; actor: Actor; draft: AdvisoryDraftInput }): Promise<{ advisoryId: string }> {
  const scored = scoreVulnerabilities(input.draft.vulnerabilities)
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const kase = await lockCase(trx, input.caseId)
    if (kase.kind !== 'product') throw errors.notFound()
    const existing = await findAdvisoryByCase(trx, input.caseId, { lock: true })
    if (kase.status === 'published' || (existing && await isPubliclyVisible(trx, now, existing.id))) throw advisoryErrors.alreadyPublic()
    if (CLOSED_PRODUCT_STATUSES.includes(kase.status as ProductCaseStatus)) throw advisoryErrors.notEditable(kase.status)
    await writeVulnerabilities(trx, input.caseId, scored)
    const content = await contentFor(trx, input.caseId, input.draft, input.draft.credits)
    const search = searchColumnsOf(existing?.identifier ?? null, content, { jvndbId: existing?.jvndbId })
    const advisoryId = existing?.id ?? newId()
    if (existing) await updateAdvisory(trx, advisoryId, { now, content, search })
    else await insertAdvisory(trx, { id: advisoryId, caseId: input.caseId, content, search, now })
    await appendEvent(trx, { caseId: input.caseId, type: 'advisory_draft_saved', actor: input.actor, at: now, data: { advisoryId } })
    return { advisoryId }
  })
}

/**
 * Fixes the publication date and time (coordinator). The first time the case moves
 * fix_in_progress → publication_scheduled (`schedule_publication`) and the advisory gets its
 * JVN#/JVNVU# identifier; later moves (`reschedule_publication`) need a reason, which the case
 * event records with the old and new times. The advisory must be complete in both languages.
 */
export async function scheduleAdvisory(deps: AdvisoryDeps, input: { caseId: string; actor: Actor } & ScheduleInput & {
  /** More of the same change (e.g. the committee's decision), inside the scheduling transaction; its result joins the event data. */
  also?: (trx: DB, ctx: { advisoryId: string; identifier: string; now: Date }) => Promise<Record<string, unknown>>
}): Promise<{ advisoryId: string; identifier: string; publishAt: Date }> {
  const { db, clock } = deps
  // A minute's grace: the form has minute precision, and "now" is a legitimate choice.
  if (input.publishAt.getTime() < clock.now().getTime() - 60_000) throw advisoryErrors.publishAtPast()
  const current = await findAdvisoryByCase(db, input.caseId)
  if (!current) throw advisoryErrors.notFound()
  if (current.status === 'published') throw advisoryErrors.alreadyPublic()
  const rescheduling = current.status === 'scheduled'
  const reason = input.reason?.trim()
  if (rescheduling && !reason) throw advisoryErrors.reasonRequired()
  const { result } = await transitionProductCase(db, {
    caseId: input.caseId,
    action: rescheduling ? 'reschedule_publication' : 'schedule_publication',
    actor: input.actor,
    clock,
    data: {
      publishAt: input.publishAt.toISOString(),
      ...(reason && { reason }),
      ...(rescheduling && { previousPublishAt: current.publishAt?.toISOString() ?? null }),
    },
    apply: async (trx, { now }) => {
      const advisory = await findAdvisoryByCase(trx, input.caseId, { lock: true })
      // Someone else scheduled or published it between our read and the lock.
      if (!advisory || advisory.status !== current.status || await isPubliclyVisible(trx, now, advisory.id)) throw advisoryErrors.alreadyPublic()
      const content = await contentFor(trx, input.caseId, advisory.content, null, advisory.content)
      const missing = missingForPublication(content)
      if (Object.keys(missing).length) throw advisoryErrors.incomplete(missing)
      const { source } = await trx.selectFrom('cases').select('source').where('id', '=', input.caseId).executeTakeFirstOrThrow()
      const identifier = advisory.identifier ?? await assignIdentifier(trx, advisory.id, source as CaseSource)
      await updateAdvisory(trx, advisory.id, { now, content, search: searchColumnsOf(identifier, content), status: 'scheduled', publishAt: input.publishAt })
      // Public at once ("now"): it is published now, so it is numbered now, not a worker tick later.
      if (input.publishAt <= now) await assignJvndbId(trx, advisory.id, null, input.publishAt)
      const more = input.also ? await input.also(trx, { advisoryId: advisory.id, identifier, now }) : {}
      return { ...more, advisoryId: advisory.id, identifier }
    },
  })
  return { advisoryId: result!.advisoryId, identifier: result!.identifier, publishAt: input.publishAt }
}

/**
 * Takes a scheduled advisory off the schedule (publication_scheduled → fix_in_progress) with a
 * reason; it becomes a draft again and keeps its identifier. Not possible once it is public.
 */
export async function unscheduleAdvisory(deps: AdvisoryDeps, input: { caseId: string; actor: Actor; reason: string }): Promise<void> {
  const reason = input.reason.trim()
  if (!reason) throw advisoryErrors.reasonRequired()
  await transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'unschedule_publication', actor: input.actor, clock: deps.clock, data: { reason },
    apply: async (trx, { now }) => {
      const advisory = await findAdvisoryByCase(trx, input.caseId, { lock: true })
      if (!advisory || advisory.status !== 'scheduled' || await isPubliclyVisible(trx, now, advisory.id)) throw advisoryErrors.alreadyPublic()
      await updateAdvisory(trx, advisory.id, { now, status: 'draft', publishAt: null })
      return { advisoryId: advisory.id, previousPublishAt: advisory.publishAt?.toISOString() ?? null }
    },
  })
}

/**
 * Revises a published advisory (更新): optionally new text and vulnerabilities, always a dated
 * note in both languages for the public revision history. Published advisories are never
 * withdrawn (DESIGN §3); this is the only way they change.
 */
export async function reviseAdvisory(deps: AdvisoryDeps, input: { caseId: string; actor: Actor } & ReviseInput): Promise<{ advisoryId: string; revisionId: string }> {
  const draft = input.advisory
  const scored = draft ? scoreVulnerabilities(draft.vulnerabilities) : null
  const { result } = await transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'revise_advisory', actor: input.actor, clock: deps.clock,
    data: { noteJa: input.note.ja, noteEn: input.note.en },
    apply: async (trx, { now }) => {
      const advisory = await findAdvisoryByCase(trx, input.caseId, { lock: true })
      if (!advisory || advisory.status !== 'published') throw advisoryErrors.notPublished()
      if (scored) await writeVulnerabilities(trx, input.caseId, scored)
      const content = draft
        ? await contentFor(trx, input.caseId, draft, draft.credits)
        : await contentFor(trx, input.caseId, advisory.content, null, advisory.content)
      const missing = missingForPublication(content)
      if (Object.keys(missing).length) throw advisoryErrors.incomplete(missing)
      const revisionId = newId()
      await updateAdvisory(trx, advisory.id, { now, content, search: searchColumnsOf(advisory.identifier, content, { jvndbId: advisory.jvndbId }) })
      await insertRevision(trx, { id: revisionId, advisoryId: advisory.id, at: now, noteJa: input.note.ja, noteEn: input.note.en })
      return { advisoryId: advisory.id, revisionId }
    },
  })
  return result!
}
