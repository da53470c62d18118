import type { Deps } from '../platform/http/context.js'
import type { CurrentUser } from '../platform/http/context.js'
import { hashSecret, newId, newSecret, randomDigits, sha256Hex } from '../platform/secrets.js'
import { errors } from '../platform/errors.js'
import { tokyoDate } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { appendEvent, actorOf, transitionProductCase, type Actor } from '../cases/case-events.js'
import { intakeErrors } from './intake.errors.js'
import type { ProductReportInput, RejectInput } from './intake.schemas.js'
import { findReportByReceipt, listReportsOfCase } from './reports.repository.js'
import { finderMail } from './intake.mail.js'

export const MAX_ATTACHMENTS = 5

export type Upload = { name: string; type: string; bytes: Uint8Array }

/**
 * Files a software-product report: one transaction writes the case (status `received`), the report,
 * its attachments (with SHA-256), the event, and the receipt mail. Nothing is written if any part fails.
 * Returns the receipt number and the tracking secret, which is shown once and stored only hashed.
 */
export async function submitProductReport(deps: Deps, input: { report: ProductReportInput; uploads: Upload[]; finder: CurrentUser | null }) {
  const { report, uploads, finder } = input
  if (uploads.length > MAX_ATTACHMENTS) throw intakeErrors.tooManyFiles(MAX_ATTACHMENTS)
  if (uploads.some((u) => u.bytes.byteLength > deps.config.maxAttachmentBytes)) throw errors.tooLarge()
  const now = deps.clock.now()
  const trackingSecret = newSecret()
  const caseId = newId()
  const reportId = newId()
  const email = report.finderEmail ?? finder?.email ?? null
  const receiptNumber = await deps.db.transaction().execute(async (trx) => {
    const receipt = await freeReceiptNumber(trx, now)
    await trx.insertInto('cases').values({
      id: caseId, kind: 'product', status: 'received', source: 'finder',
      title: `${report.productName} ${report.productVersion}`.slice(0, 300), product_type: report.productType,
      created_at: now, updated_at: now,
    }).execute()
    await trx.insertInto('reports').values({
      id: reportId, case_id: caseId, receipt_number: receipt, kind: 'product',
      finder_user_id: finder?.id ?? null, tracking_token_hash: hashSecret(trackingSecret),
      finder_name: report.finderName, finder_email: email, finder_organization: report.finderOrganization ?? null,
      consent_share_identity: report.consentShareIdentity, consent_credit: report.consentCredit,
      credit_name: report.consentCredit ? (report.creditName ?? report.finderName) : null,
      locale: report.locale,
      details: JSON.stringify({
        productName: report.productName, productVersion: report.productVersion, developerName: report.developerName,
        productType: report.productType, description: report.description, reproduction: report.reproduction,
        impact: report.impact, discoveryMethod: report.discoveryMethod, alreadyPublic: report.alreadyPublic,
        exploited: report.exploited, developerContacted: report.developerContacted,
      }),
      submitted_at: now,
    }).execute()
    for (const u of uploads) {
      await trx.insertInto('attachments').values({
        id: newId(), report_id: reportId, filename: sanitizeFilename(u.name), content_type: u.type || 'application/octet-stream',
        size: u.bytes.byteLength, sha256: sha256Hex(u.bytes), data: u.bytes,
      }).execute()
    }
    await appendEvent(trx, {
      caseId, type: 'report_submitted', actor: finder ? actorOf(finder) : { user: null, label: report.finderName }, at: now,
      to: 'received', data: { receiptNumber: receipt, reportId, kind: 'product', productType: report.productType, attachments: uploads.length },
    })
    if (email) {
      await enqueueMail(trx, finderMail(deps.config, report.locale, 'received', {
        to: email, receipt, trackingUrl: `${deps.config.publicUrl}/track/${trackingSecret}`,
      }), now)
    }
    return receipt
  })
  return { caseId, reportId, receiptNumber, trackingSecret }
}

async function freeReceiptNumber(trx: Deps['db'], now: Date): Promise<string> {
  const year = tokyoDate(now).slice(0, 4)
  for (;;) {
    const candidate = `KK-${year}-${randomDigits(6)}`
    if (!(await findReportByReceipt(trx, candidate))) return candidate
  }
}

/** Keeps a file name printable and path-free; it is only ever offered back as a download name. */
function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'attachment'
  return base.replace(/[\u0000-\u001f\u007f"]/g, '_').slice(0, 200) || 'attachment'
}

/** 受理: intake accepts a report; the case goes to coordination and every finder is told. */
export async function acceptCase(deps: Deps, input: { caseId: string; actor: Actor; productType?: string; note?: string }) {
  return transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'accept', actor: input.actor, clock: deps.clock,
    changes: { accepted_at: deps.clock.now(), ...(input.productType ? { product_type: input.productType } : {}) },
    data: { note: input.note ?? null },
    apply: async (trx, { now }) => {
      await notifyFinders(deps, trx, input.caseId, 'accepted', now)
    },
  })
}

/** 不受理: intake refuses a report with a reason from the fixed list; a duplicate is linked to its case. */
export async function rejectCase(deps: Deps, input: { caseId: string; actor: Actor; reject: RejectInput }) {
  const { reject } = input
  let duplicateOf: string | null = null
  if (reject.reason === 'duplicate') {
    const target = await findReportByReceipt(deps.db, reject.duplicateOfReceipt!)
    if (!target || target.case_id === input.caseId) throw intakeErrors.duplicateTargetUnknown()
    duplicateOf = target.case_id
  }
  return transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'reject', actor: input.actor, clock: deps.clock,
    changes: { rejection_reason: reject.reason, duplicate_of: duplicateOf, closed_at: deps.clock.now() },
    data: { reason: reject.reason, duplicateOf, note: reject.note ?? null },
    apply: async (trx, { now }) => {
      await notifyFinders(deps, trx, input.caseId, 'not_accepted', now, { reason: reject.reason })
    },
  })
}

/** Mails every finder of a case (those who gave an address) about a step the guideline tells them. */
export async function notifyFinders(deps: Deps, trx: Deps['db'], caseId: string, what: 'accepted' | 'not_accepted' | 'start_date' | 'published', now: Date, extra: Record<string, string> = {}) {
  for (const r of await listReportsOfCase(trx, caseId)) {
    if (!r.finder_email) continue
    await enqueueMail(trx, finderMail(deps.config, r.locale as 'ja' | 'en', what, { to: r.finder_email, receipt: r.receipt_number, ...extra }), now)
  }
}
