import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { scheduleAdvisoryAt } from '../../src/csaf/csaf.test-support.js'
import { csafFilename } from '../../src/csaf/csaf-document.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'
import { exportSite } from '../../src/static-export/export.js'
import { freePort } from '../support/keikai-process.js'

/**
 * The README's nginx config (src/static-export/nginx.example.conf) over an exported tree: the
 * portal's own URLs answer with the exported bytes and keikai's content types, in the language the
 * reader asks for (Accept-Language, cookie, ?lang=); what cannot be a file (a search) goes to the
 * live keikai behind it.
 */
let t: TestApp
let root: string
let nginx: ChildProcess
let live: Server
let base: string
let advisory: { identifier: string }

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-02T01:00:00Z' })
  advisory = await scheduleAdvisoryAt(t, '2026-04-02T01:00:00Z', 'NGINX 試験ルータ', 'CVE-2026-60001')
  await publishDueAdvisories(t.deps)
  root = mkdtempSync(join(tmpdir(), 'keikai-nginx-export-'))
  // nginx's workers run unprivileged when it is started as root: they must be able to read the tree.
  chmodSync(root, 0o755)
  const summary = await exportSite({ app: t.app, deps: t.deps, dir: join(root, 'www') })
  expect(summary.errors).toEqual([])

  live = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
  await new Promise((r) => live.once('listening', r))
  const port = await freePort()
  const example = readFileSync(new URL('../../src/static-export/nginx.example.conf', import.meta.url), 'utf8')
    .replace('root /srv/keikai-export;', `root ${root}/www;`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${(live.address() as AddressInfo).port};`)
  writeFileSync(join(root, 'keikai.conf'), example)
  mkdirSync(join(root, 'tmp'))
  writeFileSync(join(root, 'nginx.conf'), `
daemon off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${root}/tmp; proxy_temp_path ${root}/tmp; fastcgi_temp_path ${root}/tmp; uwsgi_temp_path ${root}/tmp; scgi_temp_path ${root}/tmp;
  include ${root}/keikai.conf;
}`)
  nginx = spawn('nginx', ['-c', join(root, 'nginx.conf'), '-p', root], { stdio: 'ignore' })
  base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/static/app.css`)).ok) break
    } catch { /* not listening yet */ }
    if (i === 50) throw new Error(`nginx did not start: ${readFileSync(join(root, 'error.log'), 'utf8')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}, 120_000)
afterAll(async () => {
  nginx?.kill('SIGTERM')
  await new Promise((r) => live?.close(r))
  await t.close()
  rmSync(root, { recursive: true, force: true })
})

const mediaType = (type: string | null) => (type ?? '').split(';')[0]!.trim().toLowerCase()
const charset = (type: string | null) => /charset=([^;]+)/i.exec(type ?? '')?.[1]?.toLowerCase() ?? null

describe('nginx with the example config serves the exported tree', () => {
  it('answers the portal\'s own URLs with the app\'s bytes and content types', async () => {
    const slug = advisory.identifier.replace('#', '')
    const csaf = `/.well-known/csaf/white/2026/${csafFilename(advisory.identifier)}`
    const paths = [
      '/', '/advisories', '/archive', '/archive/2026-04', `/advisories/${slug}`, `/advisories/${slug}/cve/CVE-2026-60001.json`,
      `/api/v1/advisories/${encodeURIComponent(advisory.identifier)}`, csaf, `${csaf}.sha256`, `${csaf}.asc`,
      '/.well-known/csaf/', '/.well-known/csaf/white/2026/', '/.well-known/csaf/white/index.txt', '/.well-known/csaf/white/changes.csv',
      '/.well-known/csaf/provider-metadata.json', '/.well-known/openpgp-key.asc', '/.well-known/security.txt',
      '/rss/advisories.rdf', '/rss/jvndb.rdf', '/sitemap.xml', '/sitemaps/advisories-1.xml', '/robots.txt', '/static/app.css', '/favicon.svg',
    ]
    for (const path of paths) {
      for (const lang of ['ja', 'en'] as const) {
        const app = await t.app.request(path, { headers: { 'accept-language': lang } })
        const served = await fetch(base + path, { headers: { 'accept-language': lang } })
        expect(served.status, path).toBe(200)
        expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(await app.arrayBuffer())), `${lang} ${path}`).toBe(true)
        const [want, got] = [app.headers.get('content-type'), served.headers.get('content-type')]
        expect(mediaType(got), path).toBe(mediaType(want))
        if (charset(want)) expect(charset(got), path).toBe(charset(want))
        expect(served.headers.get('x-content-type-options'), path).toBe('nosniff')
      }
    }
  })

  it('picks the language from ?lang=, the cookie and Accept-Language as keikai does', async () => {
    const html = async (init: RequestInit, path = '/advisories') => {
      const res = await fetch(base + path, init)
      return { lang: /<html lang="(\w+)"/.exec(await res.text())?.[1], cookie: res.headers.get('set-cookie') }
    }
    expect((await html({})).lang).toBe('ja')
    expect((await html({ headers: { 'accept-language': 'en-US,en;q=0.9' } })).lang).toBe('en')
    expect((await html({ headers: { 'accept-language': 'ja,en;q=0.5' } })).lang).toBe('ja')
    expect((await html({ headers: { cookie: 'keikai_lang=en', 'accept-language': 'ja' } })).lang).toBe('en')
    const switched = await html({ headers: { cookie: 'keikai_lang=ja' } }, '/advisories?lang=en')
    expect(switched.lang).toBe('en')
    expect(switched.cookie).toContain('keikai_lang=en')
  })

  it('passes a search, which no file can answer, to the live keikai', async () => {
    const res = await fetch(`${base}/advisories?q=${encodeURIComponent('NGINX 試験')}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('NGINX 試験ルータの脆弱性')
  })
})
