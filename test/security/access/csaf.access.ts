import { expect } from 'vitest'
import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { scheduleSeeded, seedProductCase } from '../../../src/advisories/test-factories.js'

/**
 * The CSAF provider (/.well-known/csaf): public like the portal — everyone, signed in or not, gets
 * the same files (CSAF 2.0 §7.1.4: TLP:WHITE documents freely accessible). What the files may show
 * is the never-public test's business (test/security/csaf-never-public.test.ts).
 */
export const csafAccess: AccessTable = {
  'GET /.well-known/csaf/': ALL,
  'GET /.well-known/csaf/provider-metadata.json': ALL,
  'GET /.well-known/csaf/service.json': ALL,
  'GET /.well-known/csaf/openpgp/': ALL,
  'GET /.well-known/csaf/openpgp/:csafKeyFile': ALL,
  'GET /.well-known/csaf/white/': ALL,
  'GET /.well-known/csaf/white/index.txt': ALL,
  'GET /.well-known/csaf/white/changes.csv': ALL,
  'GET /.well-known/csaf/white/csaf-feed-tlp-white.json': ALL,
  'GET /.well-known/csaf/white/category-white.json': ALL,
  'GET /.well-known/csaf/white/:csafYear/': ALL,
  'GET /.well-known/csaf/white/:csafYear/:csafFile': ALL,
}

/** An advisory public from the world's "now" (its document fills `:csafYear/:csafFile`), and the provider key's file name. */
export const csafSeed: AccessSeed = async ({ t }) => {
  const seed = await seedProductCase(t.db, t.clock.now(), { vulnerability: { titleJa: '行列試験の脆弱性', titleEn: 'Matrix test', cveId: 'CVE-2026-30001' } })
  await scheduleSeeded(t.deps, seed, t.clock.now())
  const index = await (await t.app.request('/.well-known/csaf/white/index.txt')).text()
  const [csafYear, csafFile] = index.split('\n')[0]!.split('/') as [string, string]
  const metadata = await (await t.app.request('/.well-known/csaf/provider-metadata.json')).json() as { public_openpgp_keys: Array<{ url: string }> }
  const csafKeyFile = metadata.public_openpgp_keys[0]!.url.split('/').pop()!
  expect(csafFile).toMatch(/\.json$/)
  return { csafYear, csafFile, csafKeyFile }
}
