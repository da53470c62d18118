import { ALL, type AccessTable, type Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { hashSecret, newId, newSecret } from '../../../src/platform/secrets.js'

/** The programme's staff: channels, their QR codes and the effect dashboard. */
const STAFF: Actor[] = ['intake', 'coordinator', 'admin']

/**
 * Who may call each route of the guides: downloads and the survey, and registering for update
 * notices, are for everyone without an account (the secret links authorise themselves); the
 * subscribers' addresses and announcements are administrators' only.
 */
export const guidesOutreachAccess: AccessTable = {
  'GET /guides/downloads/:document': ALL, 'POST /guides/downloads/:document': ALL,
  'GET /guides/updates': ALL, 'POST /guides/updates': ALL,
  'GET /guides/updates/confirm/:confirmToken': ALL, 'POST /guides/updates/confirm/:confirmToken': ALL,
  'GET /guides/updates/unsubscribe/:unsubscribeToken': ALL, 'POST /guides/updates/unsubscribe/:unsubscribeToken': ALL,
  'GET /guides/updates/subscribers': ['admin'], 'POST /guides/updates/announcements': ['admin'],
  'GET /guides/channels': STAFF, 'POST /guides/channels': STAFF,
  'GET /guides/channels/:channelTag': STAFF, 'POST /guides/channels/:channelTag/archive': STAFF,
  'GET /guides/effect': STAFF, 'GET /guides/effect.csv': STAFF, 'GET /api/v1/guides/effect': STAFF,
}

/** A channel, and two subscriptions: one awaiting confirmation (its confirm link), one confirmed (its unsubscribe link). */
export const guidesOutreachSeed: AccessSeed = async ({ t }) => {
  const now = t.clock.now()
  await t.db.insertInto('guide_channels').values({ tag: 'access-leaflet', kind: 'leaflet', name_ja: '配布物', name_en: 'Leaflet', created_by: null, created_at: now, archived_at: null }).execute()
  const confirmToken = newSecret()
  const unsubscribeToken = newSecret()
  const row = (email: string, status: 'pending' | 'confirmed', confirm: string | null, unsubscribe: string) => ({
    id: newId(), email, language: 'ja' as const, topics: JSON.stringify(['checklist']), status, confirm_token_hash: confirm && hashSecret(confirm),
    unsubscribe_token_hash: hashSecret(unsubscribe), channel: '', created_at: now, confirmed_at: status === 'confirmed' ? now : null, unsubscribed_at: null,
  })
  await t.db.insertInto('guide_subscriptions').values([
    row('access-pending@example.test', 'pending', confirmToken, newSecret()),
    row('access-confirmed@example.test', 'confirmed', null, unsubscribeToken),
  ]).execute()
  return { document: 'checklist', confirmToken, unsubscribeToken, channelTag: 'access-leaflet' }
}
