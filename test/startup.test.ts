import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const port = (srv.address() as { port: number }).port
    srv.close(() => resolve(port))
  })
})

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** `npm start` as README gives it: a new embedded database, the first-administrator link, a healthy server. */
describe('npm start on a fresh data directory', () => {
  it('migrates, prints a one-time link for the first administrator, serves, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keikai-start-'))
    dirs.push(dir)
    const port = await freePort()
    const env: NodeJS.ProcessEnv = { ...process.env, KEIKAI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', VITEST: '' }
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { out += d })
    const deadline = Date.now() + 60_000
    while (!/"msg":"listening"/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200))
    try {
      expect(out).toMatch(new RegExp(`http://localhost:${port}/invitations/[A-Za-z0-9_-]{43}`))
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok' })
      const link = out.match(/http:\/\/localhost:\d+(\/invitations\/[A-Za-z0-9_-]{43})/)![1]!
      const page = await fetch(`http://127.0.0.1:${port}${link}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('最初の管理者アカウントを作成します')
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    expect(child.exitCode).toBe(0)
  })
})
