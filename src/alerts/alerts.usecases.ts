import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { japanDate } from '../platform/calendar/business-days.js'
import type { Actor } from '../cases/case-events.js'
import { alertErrors } from './alerts.errors.js'
import type { AlertInput, ReviseAlertInput } from './alerts.schemas.js'
import {
  findAlert, insertAlert, insertRevision, markPublished, nextIdentifier, updateAlertContent, type AlertContent, type AlertRecord,
} from './alerts.repository.js'

const contentOf = (input: AlertInput): AlertContent => ({
  title: input.title, body: input.body, vulnerabilityType: input.vulnerabilityType ?? null, references: input.references,
})

/** Who is acting, for the `*_by` columns; alerts are staff work, so there always is someone. */
const userIdOf = (actor: Actor): string => {
  if (!actor.user) throw errors.forbidden()
  return actor.user.id
}

async function lockedAlert(trx: Deps['db'], alertId: string): Promise<AlertRecord> {
  const alert = await findAlert(trx, alertId, { lock: true })
  if (!alert) throw errors.notFound()
  return alert
}

/** What publication needs besides the titles every draft has: the body in both languages. */
export function missingForPublication(alert: Pick<AlertRecord, 'body'>): Record<string, string> {
  const missing: Record<string, string> = {}
  if (!alert.body.ja.trim()) missing['body.ja'] = 'Required.'
  if (!alert.body.en.trim()) missing['body.en'] = 'Required.'
  return missing
}

/** Drafts a public alert (注意喚起). Invisible to the public until published. */
export async function createAlert(deps: Deps, input: { input: AlertInput; actor: Actor }): Promise<{ alertId: string }> {
  const alertId = newId()
  const userId = userIdOf(input.actor)
  await insertAlert(deps.db, { id: alertId, content: contentOf(input.input), userId, now: deps.clock.now() })
  return { alertId }
}

/** Replaces a draft's text. A published alert changes only through `reviseAlert` (409 otherwise). */
export async function updateAlert(deps: Deps, input: { alertId: string; input: AlertInput; actor: Actor }): Promise<{ alertId: string }> {
  userIdOf(input.actor)
  await deps.db.transaction().execute(async (trx) => {
    const alert = await lockedAlert(trx, input.alertId)
    if (alert.status !== 'draft') throw alertErrors.alreadyPublished()
    await updateAlertContent(trx, alert.id, contentOf(input.input), deps.clock.now())
  })
  return { alertId: input.alertId }
}

/**
 * Publishes a draft now: it gets the next `KKA-YYYY-NNNN` of the Japan year and is public from
 * this instant on every surface. Sequential numbers reveal nothing: only published alerts get one.
 * 409 `alerts.incomplete` while a body is missing, `alerts.already_published` the second time.
 */
export async function publishAlert(deps: Deps, input: { alertId: string; actor: Actor }): Promise<{ identifier: string; publishedAt: Date }> {
  const userId = userIdOf(input.actor)
  return deps.db.transaction().execute(async (trx) => {
    const alert = await lockedAlert(trx, input.alertId)
    if (alert.status !== 'draft') throw alertErrors.alreadyPublished()
    const missing = missingForPublication(alert)
    if (Object.keys(missing).length) throw alertErrors.incomplete(missing)
    const now = deps.clock.now()
    const identifier = await nextIdentifier(trx, Number(japanDate(now).slice(0, 4)))
    await markPublished(trx, alert.id, { identifier, now, userId })
    return { identifier, publishedAt: now }
  })
}

/**
 * Revises a published alert (更新): optionally new text, always a dated note in both languages
 * for the public revision history. Alerts are never withdrawn; this is the only way they change.
 */
export async function reviseAlert(deps: Deps, input: { alertId: string; actor: Actor } & ReviseAlertInput): Promise<{ revisionId: string; revisedAt: Date }> {
  const userId = userIdOf(input.actor)
  return deps.db.transaction().execute(async (trx) => {
    const alert = await lockedAlert(trx, input.alertId)
    if (alert.status !== 'published') throw alertErrors.notPublished()
    const now = deps.clock.now()
    if (input.alert) {
      const content = contentOf(input.alert)
      const missing = missingForPublication(content)
      if (Object.keys(missing).length) throw alertErrors.incomplete(missing)
      await updateAlertContent(trx, alert.id, content, now)
    } else {
      await trx.updateTable('alerts').set({ updated_at: now }).where('id', '=', alert.id).execute()
    }
    const revisionId = newId()
    await insertRevision(trx, { id: revisionId, alertId: alert.id, at: now, userId, noteJa: input.note.ja, noteEn: input.note.en })
    return { revisionId, revisedAt: now }
  })
}
