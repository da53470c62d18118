import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { AppError } from '../platform/errors.js'
import { log } from '../platform/log.js'
import { systemActor, transitionProductCase } from '../cases/case-events.js'
import { notifyFinders } from '../cases/finder-mail.js'
import { findAdvisoryByCase, findDueAdvisories, updateAdvisory } from './advisories.repository.js'
import { assignJvndbId, identifierSlug } from './identifiers.js'

/** Thrown inside the transaction to roll it back quietly when another process got there first. */
class AlreadyHandled extends Error {}

const BATCH = 100

/**
 * Publishes every scheduled advisory whose time has come; returns how many this call published.
 * The background worker calls it every few seconds. The portal does not wait for it (visibility
 * follows publish_at alone); this records the publication: advisory status and published_at, and
 * the case's `publish` transition by the system, and its JVN iPedia number, in one transaction per
 * advisory, oldest publication time first, so the numbers follow the order of publication.
 *
 * Safe when several processes run it at once: the case row is locked first (as every transition
 * does), then the advisory row, and the advisory's status is checked again under the lock, so a
 * second runner finds it already published and skips it.
 */
export async function publishDueAdvisories(deps: Deps): Promise<number> {
  const { db, clock } = deps
  const due = await findDueAdvisories(db, clock.now(), BATCH)
  let published = 0
  for (const { id, caseId } of due) {
    try {
      await transitionProductCase(db, {
        caseId, action: 'publish', actor: systemActor, clock,
        apply: async (trx, { now }) => {
          const advisory = await findAdvisoryByCase(trx, caseId, { lock: true })
          if (!advisory || advisory.id !== id || advisory.status !== 'scheduled' || !advisory.publishAt || advisory.publishAt > now) {
            throw new AlreadyHandled()
          }
          await updateAdvisory(trx, id, { now, status: 'published', publishedAt: now })
          const jvndbId = await assignJvndbId(trx, id, advisory.jvndbId, advisory.publishAt)
          // The guideline tells finders of publication; the mail goes out with the commit.
          await notifyFinders(deps, trx, caseId, 'published', now, { advisoryUrl: `${deps.config.publicUrl}/advisories/${identifierSlug(advisory.identifier!)}` })
          return { advisoryId: id, identifier: advisory.identifier, jvndbId, publishAt: advisory.publishAt.toISOString() }
        },
      })
      published++
    } catch (e) {
      if (e instanceof AlreadyHandled) continue
      // The case already moved on: another runner published it between our read and its lock.
      if (e instanceof AppError && e.code === 'coordination.invalid_transition' && (e.details as { from?: string })?.from === 'published') continue
      // Anything else (say, a case taken off the schedule by hand) must not stop the other advisories.
      log.error('advisory publication failed', { advisoryId: id, caseId, error: e instanceof Error ? e.message : String(e) })
    }
  }
  return published
}

/** The next publication second still to come (an advisory is public from it, before this worker even runs). */
export async function nextScheduledPublication(db: DB, now: Date): Promise<Date | null> {
  const row = await db.selectFrom('advisories').select('publish_at').where('status', '=', 'scheduled').where('publish_at', '>', now)
    .orderBy('publish_at').limit(1).executeTakeFirst()
  return row?.publish_at ?? null
}
