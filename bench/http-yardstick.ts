/**
 * HTTP measurement with an out-of-process load generator (wrk) against a yardstick in the same run:
 * nginx (nginx-light from Debian) serving the same bytes as static files. Numbers on this noisy
 * machine mean something only as the ratio between the two.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type WrkResult = { rps: number; latencyMs: number; p99Ms: number; requests: number; errors: number }

/** wrk for `seconds` with `connections` connections on one thread; latency is wrk's mean and 99th percentile. */
export async function wrk(url: string, o: { seconds?: number; connections?: number } = {}): Promise<WrkResult> {
  const { stdout } = await run('wrk', ['-t1', `-c${o.connections ?? 4}`, `-d${o.seconds ?? 5}s`, '--latency', url])
  const ms = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!
  const lat = stdout.match(/Latency\s+([\d.]+)(us|ms|s)/)
  const p99 = stdout.match(/99%\s+([\d.]+)(us|ms|s)/)
  const requests = Number(stdout.match(/(\d+) requests in/)?.[1] ?? 0)
  const non2xx = Number(stdout.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0)
  const socket = stdout.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)
  return {
    rps: Number(stdout.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0),
    latencyMs: lat ? ms(lat[1]!, lat[2]!) : NaN,
    p99Ms: p99 ? ms(p99[1]!, p99[2]!) : NaN,
    requests,
    errors: non2xx + (socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0),
  }
}

/** nginx serving `files` (path → bytes, with its content type) on `port`, until `stop()`. */
export async function nginxServing(port: number, files: { path: string; body: string | Uint8Array; type: string }[]): Promise<{ stop: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'keikai-nginx-'))
  // nginx's workers run as an unprivileged user when started as root: they must be able to read the files
  chmodSync(root, 0o755)
  const types = new Map(files.map((f) => [f.path, f.type]))
  for (const f of files) {
    mkdirSync(dirname(join(root, 'www', f.path)), { recursive: true })
    writeFileSync(join(root, 'www', f.path), f.body)
  }
  const locations = [...types].map(([path, type]) => `location = ${path} { default_type "${type}"; }`).join('\n    ')
  writeFileSync(join(root, 'nginx.conf'), `
daemon off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/error.log;
events { worker_connections 256; }
http {
  access_log off; types {} sendfile on; keepalive_requests 1000000;
  client_body_temp_path ${root}/tmp; proxy_temp_path ${root}/tmp; fastcgi_temp_path ${root}/tmp; uwsgi_temp_path ${root}/tmp; scgi_temp_path ${root}/tmp;
  server {
    listen 127.0.0.1:${port}; root ${root}/www;
    ${locations}
  }
}`)
  mkdirSync(join(root, 'tmp'))
  const child: ChildProcess = spawn('nginx', ['-c', join(root, 'nginx.conf'), '-p', root], { stdio: 'ignore' })
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${files[0]!.path}`)
      if (res.ok) break
      throw new Error(`nginx answers ${res.status}: see ${root}/error.log`)
    } catch (e) {
      if (i === 50 || (e instanceof Error && e.message.startsWith('nginx answers'))) throw e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { stop: () => { child.kill('SIGTERM'); rmSync(root, { recursive: true, force: true }) } }
}
