import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** A TCP port nothing listens on right now. */
export const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const port = (srv.address() as { port: number }).port
    srv.close(() => resolve(port))
  })
})

/** A keikai server process (`src/main.ts`) with `env` added, once its /healthz answers. */
export async function startKeikai(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), PUBLIC_URL: 'http://keikai.test', KEIKAI_LOG: 'off', VITEST: '', ...env },
    stdio: 'ignore',
  })
  const base = `http://127.0.0.1:${port}`
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    if (child.exitCode !== null) throw new Error(`keikai exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('keikai did not start within 60 s')
}
