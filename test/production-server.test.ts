import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { productReport } from './support/fixtures.js'
import { CSRF_COOKIE } from '../src/platform/http/cookies.js'
import { freePort } from './support/keikai-process.js'

/** The compiled server (`dist/main.js`) as a real process on a new embedded database, as production runs it. */

type Server = { child: ChildProcess; port: number; dir: string; out: () => string; exited: Promise<number | null> }
const dirs: string[] = []
const children: ChildProcess[] = []

async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'keikai-prod-'))
  dirs.push(dir)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, KEIKAI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', VITEST: '', KEIKAI_LOG: '' }
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await until(() => /"msg":"listening"/.test(out) || child.exitCode !== null, 60_000)
  expect(out).toMatch(/"msg":"listening"/)
  return { child, port, dir, out: () => out, exited }
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

const logLines = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { encoding: 'utf8' })
  expect(built.status, built.stderr).toBe(0)
})
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the production server', () => {
  let server: Server
  beforeAll(async () => { server = await startServer() })
  afterAll(async () => {
    server.child.kill('SIGTERM')
    await server.exited
  })

  it('reports itself live and ready with the embedded database and a ticking job loop', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200)
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ok', database: { ok: true, backend: 'pglite' }, jobs: { running: true } })
  })

  it('keeps a sane X-Request-Id, replaces any other, and writes it into the request log line', async () => {
    // A page the cache does not keep (the report form): every request goes through the pipeline.
    const kept = await fetch(`http://127.0.0.1:${server.port}/report`, { headers: { 'X-Request-Id': 'lb-7f3a.2_x' } })
    expect(kept.status).toBe(200)
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.2_x')

    const replaced = await fetch(`http://127.0.0.1:${server.port}/report`, { headers: { 'X-Request-Id': 'no spaces; or "quotes"' } })
    const fresh = replaced.headers.get('x-request-id')!
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/)
    const none = await fetch(`http://127.0.0.1:${server.port}/report`)
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(none.headers.get('x-request-id')).not.toBe(fresh)

    await until(() => logLines(server.out()).filter((l) => l.msg === 'request' && l.path === '/report').length >= 3)
    const ids = logLines(server.out()).filter((l) => l.msg === 'request' && l.path === '/report').map((l) => l.requestId)
    expect(ids).toEqual(expect.arrayContaining(['lb-7f3a.2_x', fresh]))
    expect(server.out()).not.toContain('no spaces')
  })

  it('answers a cached public page from memory with the caller\'s request id and without a log line', async () => {
    const path = '/advisories?page=1'
    await fetch(`http://127.0.0.1:${server.port}${path}`)
    const hit = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { 'X-Request-Id': 'lb-cached.1' } })
    expect(hit.status).toBe(200)
    expect(hit.headers.get('etag')).toMatch(/^"/)
    expect(hit.headers.get('x-request-id')).toBe('lb-cached.1')
    await new Promise((r) => setTimeout(r, 300))
    expect(logLines(server.out()).filter((l) => l.requestId === 'lb-cached.1')).toEqual([])
  })
})

describe('stopping the production server', () => {
  it('lets a slow upload that is under way finish, refuses new connections, and exits 0 having released its data directory', async () => {
    const server = await startServer()
    const form = new FormData()
    for (const [k, v] of Object.entries(productReport({ finderEmail: 'slow-upload@example.test' }))) form.append(k, String(v))
    form.append('attachments', new File([new Uint8Array(2 * 1024 * 1024).fill(65)], 'capture.pcap', { type: 'application/octet-stream' }))
    const encoded = new Request('http://x/', { method: 'POST', body: form })
    const body = new Uint8Array(await encoded.arrayBuffer())

    // A browser's double submit: the CSRF cookie and the same token in the header.
    const csrf = 'c'.repeat(43)
    const upload = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/reports',
      headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length, 'x-request-id': 'slow-upload', cookie: `${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf } })
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let text = ''
        res.on('data', (d) => { text += d })
        res.on('end', () => resolve({ status: res.statusCode!, body: text }))
      })
      upload.on('error', reject)
    })
    // The first half of the file, then the stop signal while the rest is still to come.
    const half = Math.floor(body.length / 2)
    upload.write(body.subarray(0, half))
    await new Promise((r) => setTimeout(r, 300))
    server.child.kill('SIGTERM')
    await until(() => /"msg":"shutting down"/.test(server.out()))

    const refused = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1')
      socket.on('connect', () => { socket.destroy(); resolve('connected') })
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    })
    expect(refused).toBe('ECONNREFUSED')
    expect(server.child.exitCode).toBeNull()

    for (let at = half; at < body.length; at += 256 * 1024) {
      upload.write(body.subarray(at, Math.min(at + 256 * 1024, body.length)))
      await new Promise((r) => setTimeout(r, 50))
    }
    upload.end()
    const res = await response
    expect(res.status, res.body).toBe(201)
    expect(JSON.parse(res.body)).toMatchObject({ trackingToken: expect.any(String) })

    expect(await server.exited).toBe(0)
    const lines = logLines(server.out())
    expect(lines.find((l) => l.msg === 'request' && l.path === '/api/v1/reports')).toMatchObject({ status: 201, requestId: 'slow-upload' })
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM' })
    expect(existsSync(join(server.dir, 'keikai.lock'))).toBe(false)
  })
})
