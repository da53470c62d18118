import type { Insertable } from 'kysely'
import type { Deps } from '../platform/http/context.js'
import type { CasesTable } from '../platform/db/schema.js'
import type { CurrentUser } from '../platform/http/context.js'
import { hashSecret, newId, newSecret, randomDigits, sha256Hex } from '../platform/secrets.js'
import { errors } from '../platform/errors.js'
import { safeFilename } from '../platform/http/content-disposition.js'
import { tokyoDate } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { requireUsablePublicKey } from '../platform/mail/openpgp-keys.js'
import { appendEvent, actorOf, transitionProductCase, transitionWebsiteCase, type Actor } from '../cases/case-events.js'
import { findCase } from '../cases/cases.repository.js'
import { intakeErrors } from './intake.errors.js'
import type { ProductReportInput, RejectInput } from './intake.schemas.js'
import { findReportByReceipt } from '../cases/reports.repository.js'
import { finderMail, notifyFinders } from '../cases/finder-mail.js'

export const MAX_ATTACHMENTS = 5

export type Upload = { name: string; type: string; bytes: Uint8Array }

/**
 * Files a software-product report: one transaction writes the case (status `received`), the report,
 * its attachments (with SHA-256), the event, and the receipt mail. Nothing is written if any part fails.
 * Returns the receipt number and the tracking secret, which is shown once and stored only hashed.
 */
export async function submitProductReport(deps: Deps, input: { report: ProductReportInput; uploads: Upload[]; finder: CurrentUser | null }) {
  const { report } = input
  return fileReport(deps, {
    kind: 'product', uploads: input.uploads, finder: input.finder,
    title: `${report.productName} ${report.productVersion}`, caseFields: { product_type: report.productType },
    finderFields: report,
    details: {
      productName: report.productName, productVersion: report.productVersion, developerName: report.developerName,
      productType: report.productType, description: report.description, reproduction: report.reproduction,
      impact: report.impact, discoveryMethod: report.discoveryMethod, alreadyPublic: report.alreadyPublic,
      exploited: report.exploited, developerContacted: report.developerContacted,
    },
    eventData: { productType: report.productType },
  })
}

/** Who filed a report and what they agreed to; the same on both report forms. */
export type FinderFields = {
  finderName: string; finderEmail?: string; finderOrganization?: string; finderPgpPublicKey?: string; consentShareIdentity: boolean
  consentCredit?: boolean; creditName?: string; locale: 'ja' | 'en'
}

/**
 * Files a report of either kind (DESIGN §2): the case in `received`, the report with the finder's
 * words, the attachments, the `report_submitted` event and the receipt mail, in one transaction.
 */
export async function fileReport(deps: Deps, input: {
  kind: 'product' | 'website'; title: string; caseFields: Partial<Pick<Insertable<CasesTable>, 'product_type' | 'vulnerability_type' | 'impact'>>
  finderFields: FinderFields; details: Record<string, unknown>; eventData: Record<string, unknown>; uploads: Upload[]; finder: CurrentUser | null
}) {
  const { uploads, finder, finderFields: f } = input
  if (uploads.length > MAX_ATTACHMENTS) throw intakeErrors.tooManyFiles(MAX_ATTACHMENTS)
  if (uploads.some((u) => u.bytes.byteLength > deps.config.maxAttachmentBytes)) throw errors.tooLarge()
  const now = deps.clock.now()
  if (f.finderPgpPublicKey) await requireUsablePublicKey(f.finderPgpPublicKey, now, 'finderPgpPublicKey')
  const trackingSecret = newSecret()
  const caseId = newId()
  const reportId = newId()
  const email = f.finderEmail ?? finder?.email ?? null
  const receiptNumber = await deps.db.transaction().execute(async (trx) => {
    const receipt = await freeReceiptNumber(trx, now)
    await trx.insertInto('cases').values({
      id: caseId, kind: input.kind, status: 'received', source: 'finder', title: input.title.slice(0, 300),
      ...input.caseFields, created_at: now, updated_at: now,
    }).execute()
    await trx.insertInto('reports').values({
      id: reportId, case_id: caseId, receipt_number: receipt, kind: input.kind,
      finder_user_id: finder?.id ?? null, tracking_token_hash: hashSecret(trackingSecret),
      finder_name: f.finderName, finder_email: email, finder_organization: f.finderOrganization ?? null,
      consent_share_identity: f.consentShareIdentity, consent_credit: Boolean(f.consentCredit),
      credit_name: f.consentCredit ? (f.creditName ?? f.finderName) : null,
      locale: f.locale, details: JSON.stringify(input.details), submitted_at: now,
      finder_pgp_public_key: f.finderPgpPublicKey ?? null,
    }).execute()
    for (const u of uploads) {
      await trx.insertInto('attachments').values({
        id: newId(), report_id: reportId, filename: safeFilename(u.name), content_type: u.type || 'application/octet-stream',
        size: u.bytes.byteLength, sha256: sha256Hex(u.bytes), data: u.bytes,
      }).execute()
    }
    await appendEvent(trx, {
      caseId, type: 'report_submitted', actor: finder ? actorOf(finder) : { user: null, label: f.finderName }, at: now,
      to: 'received', data: { receiptNumber: receipt, reportId, kind: input.kind, ...input.eventData, attachments: uploads.length },
    })
    if (email) {
      await enqueueMail(trx, finderMail(deps.config, f.locale, 'received', {
        to: email, receipt, trackingUrl: `${deps.config.publicUrl}/track/${trackingSecret}`,
      }), now)
    }
    return receipt
  })
  return { caseId, reportId, receiptNumber, trackingSecret }
}

export async function freeReceiptNumber(trx: Deps['db'], now: Date): Promise<string> {
  const year = tokyoDate(now).slice(0, 4)
  for (;;) {
    const candidate = `KK-${year}-${randomDigits(6)}`
    if (!(await findReportByReceipt(trx, candidate))) return candidate
  }
}

/** 受理: intake accepts a report. A product case goes to coordination; a website case stays with intake. Every finder is told. */
export async function acceptCase(deps: Deps, input: { caseId: string; actor: Actor; productType?: string; vulnerabilityType?: string; impact?: string; note?: string }) {
  const kase = await findCase(deps.db, input.caseId)
  if (!kase) throw errors.notFound()
  const apply = async (trx: Deps['db'], { now }: { now: Date }) => { await notifyFinders(deps, trx, input.caseId, kase.kind === 'website' ? 'accepted_website' : 'accepted', now) }
  const now = deps.clock.now()
  if (kase.kind === 'website') {
    const vulnerabilityType = input.vulnerabilityType ?? kase.vulnerability_type
    const impact = input.impact ?? kase.impact
    // The intake officer who accepts a website report handles it from then on.
    return transitionWebsiteCase(deps.db, {
      caseId: input.caseId, action: 'accept', actor: input.actor, clock: deps.clock,
      changes: { accepted_at: now, vulnerability_type: vulnerabilityType, impact, coordinator_id: input.actor.user?.id ?? null },
      data: { note: input.note ?? null, vulnerabilityType, impact }, apply,
    })
  }
  return transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'accept', actor: input.actor, clock: deps.clock,
    changes: { accepted_at: now, ...(input.productType ? { product_type: input.productType } : {}) },
    // A product type intake corrects on acceptance is in the event too: the statistics read types from the event log.
    data: { note: input.note ?? null, ...(input.productType && { productType: input.productType }) }, apply,
  })
}

/** 不受理: intake refuses a report with a reason from the fixed list; a duplicate is linked to its case. */
export async function rejectCase(deps: Deps, input: { caseId: string; actor: Actor; reject: RejectInput }) {
  const { reject } = input
  const kase = await findCase(deps.db, input.caseId)
  if (!kase) throw errors.notFound()
  let duplicateOf: string | null = null
  if (reject.reason === 'duplicate') {
    const target = await findReportByReceipt(deps.db, reject.duplicateOfReceipt!)
    if (!target || target.case_id === input.caseId) throw intakeErrors.duplicateTargetUnknown()
    duplicateOf = target.case_id
  }
  const transition = {
    caseId: input.caseId, action: 'reject' as const, actor: input.actor, clock: deps.clock,
    changes: { rejection_reason: reject.reason, duplicate_of: duplicateOf, closed_at: deps.clock.now() },
    data: { reason: reject.reason, duplicateOf, note: reject.note ?? null },
    apply: async (trx: Deps['db'], { now }: { now: Date }) => {
      await notifyFinders(deps, trx, input.caseId, 'not_accepted', now, { reason: reject.reason })
    },
  }
  return kase.kind === 'website' ? transitionWebsiteCase(deps.db, transition) : transitionProductCase(deps.db, transition)
}

