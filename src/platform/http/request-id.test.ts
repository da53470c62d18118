import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { requestIdFrom } from './request-id.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

/** Log lines written to stdout while `fn` runs (logs switched on, as in production). */
async function captureLog(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  vi.stubEnv('KEIKAI_LOG', 'on')
  const lines: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true })
  await fn()
  vi.restoreAllMocks()
  return lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
}

describe('request ids', () => {
  it('keeps an id of up to 64 letters, digits, dots, dashes and underscores, and replaces anything else', () => {
    expect(requestIdFrom('Root=1-67891233-abcdef012345678912345678')).not.toBe('Root=1-67891233-abcdef012345678912345678')
    expect(requestIdFrom('a'.repeat(64))).toBe('a'.repeat(64))
    expect(requestIdFrom('a'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/)
    expect(requestIdFrom('')).toMatch(/^[0-9a-f-]{36}$/)
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/)
    expect(requestIdFrom('edge-01.req_9')).toBe('edge-01.req_9')
  })

  it('puts the id on the response, the request line and every log line of that request, errors included', async () => {
    // A route that fails the way a bug would, added to this test's own app only.
    t.app.get('/test-only/fails', () => { throw new Error('kaboom') })
    let res: Response | undefined
    const lines = await captureLog(async () => {
      res = await t.app.request('/test-only/fails', { headers: { 'X-Request-Id': 'trace-42' } })
    })
    expect(res!.status).toBe(500)
    expect(res!.headers.get('x-request-id')).toBe('trace-42')
    expect(lines.find((l) => l.msg === 'unhandled error')).toMatchObject({ level: 'error', requestId: 'trace-42', error: expect.stringContaining('kaboom') })
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ requestId: 'trace-42', status: 500, path: '/test-only/fails' })
  })

  it('gives concurrent requests their own ids', async () => {
    const lines = await captureLog(() => Promise.all(['one', 'two', 'three'].map((id) => t.app.request('/advisories', { headers: { 'X-Request-Id': id } }))))
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.requestId).sort()).toEqual(['one', 'three', 'two'])
  })
})
