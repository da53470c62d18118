import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { loadPlatformKey } from '../platform/mail/platform-key.js'

/** RFC 9116 security.txt for keikai itself: where to report a vulnerability in this platform. */
export const securityTxtRoutes = new Hono<AppEnv>()

securityTxtRoutes.get('/.well-known/security.txt', (c) => {
  const { publicUrl } = c.var.deps.config
  const expires = new Date(c.var.deps.clock.now().getTime() + 180 * 86400_000)
  expires.setUTCHours(0, 0, 0, 0)
  const body = [
    `Contact: ${publicUrl}/report`,
    `Encryption: ${publicUrl}/.well-known/openpgp-key.asc`,
    // CSAF 2.0 §7.1.8: where the CSAF provider's metadata is (the csaf feature serves it).
    `CSAF: ${publicUrl}/.well-known/csaf/provider-metadata.json`,
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: ja, en',
    `Canonical: ${publicUrl}/.well-known/security.txt`,
    `Policy: ${publicUrl}/`,
    '',
  ].join('\n')
  return c.body(body, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
})

/**
 * The platform's OpenPGP public key (security.txt's `Encryption:`): mail keikai sends encrypted is
 * signed with it, so recipients can check where it came from.
 */
securityTxtRoutes.get('/.well-known/openpgp-key.asc', async (c) => {
  const { db, config, clock } = c.var.deps
  const key = await loadPlatformKey(db, config, clock.now())
  return c.body(key.publicArmored, 200, { 'Content-Type': 'application/pgp-keys' })
})
