import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from './support/keikai-process.js'

/** The command lines of `root` and its descendants (Linux /proc): npm, then what it started. */
function processTree(root: number): string[] {
  const all = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((pid) => {
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^PPid:\s+(\d+)/m)![1])
      return [{ pid: Number(pid), ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') }]
    } catch { return [] }
  })
  const found = all.filter((p) => p.pid === root)
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid))
  return found.map((p) => p.cmd)
}

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** `npm start` as README gives it: a new embedded database, the first-administrator link, a healthy server. */
describe('npm start on a fresh data directory', () => {
  // The first start compiles dist/ (tsc over the whole tree) and creates the database: on a loaded 2-core CI machine that takes over a minute.
  it('migrates, prints a one-time link for the first administrator, serves, and stops cleanly', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keikai-start-'))
    dirs.push(dir)
    const port = await freePort()
    const env: NodeJS.ProcessEnv = { ...process.env, KEIKAI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', VITEST: '' }
    // `npm start` builds dist/ when it is older than the sources, then runs the compiled server.
    const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { out += d })
    const deadline = Date.now() + 150_000
    while (!/"msg":"listening"/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200))
    try {
      expect(out).toMatch(new RegExp(`http://localhost:${port}/invitations/[A-Za-z0-9_-]{43}`))
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok' })
      // the compiled server, not the TypeScript sources
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200)
      expect(processTree(child.pid!).slice(1)).toEqual([expect.stringMatching(/^node --enable-source-maps scripts\/start\.mjs$/)])
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
