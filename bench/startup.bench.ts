/**
 * Start-up benchmark: how long a start command takes to answer its first `/healthz` 200 on a new
 * data directory (fresh: migrations, first-administrator invitation) and on an existing one
 * (restart), how many processes it runs, and their resident memory after start and after a burst
 * of portal requests. Not a test: it reports numbers (median over BENCH_RUNS runs; processes and
 * memory from the last run). Embedded PGlite database, logs discarded.
 *
 *   npx tsx bench/startup.bench.ts                      # the command `npm start`
 *   npx tsx bench/startup.bench.ts node dist/main.js    # any other start command
 *   BENCH_RUNS=5 BENCH_REQUESTS=500 npx tsx bench/startup.bench.ts npm start
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../test/support/keikai-process.js'

const command = process.argv.slice(2).length ? process.argv.slice(2) : ['npm', 'start']
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const CONCURRENCY = 8

type Proc = { pid: number; ppid: number; rssKb: number; cpuMs: number; cmd: string }
const TICK_MS = 10 // clock ticks of /proc/PID/stat are 1/100 s on Linux

/** Every process on the machine, from /proc (Linux). */
function processes(): Proc[] {
  const out: Proc[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      const ppid = Number(status.match(/^PPid:\s+(\d+)/m)?.[1])
      const rssKb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0)
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
      // utime, stime, cutime, cstime: fields 14–17, counted after the parenthesised command name
      const times = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ').slice(11, 15).map(Number)
      out.push({ pid: Number(entry), ppid, rssKb, cpuMs: times.reduce((a, b) => a + b, 0) * TICK_MS, cmd })
    } catch { /* gone meanwhile */ }
  }
  return out
}

/** The process `root` and all its descendants. */
function tree(root: number): Proc[] {
  const all = processes()
  const found = all.filter((p) => p.pid === root)
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid))
  return found
}

function start(dir: string, port: number): ChildProcess {
  const env = { ...process.env, KEIKAI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', KEIKAI_LOG: 'off', VITEST: '' }
  // Its own process group, so that stopping it also stops whatever it started.
  return spawn(command[0]!, command.slice(1), { env, stdio: 'ignore', detached: true })
}

async function untilHealthy(child: ChildProcess, port: number, started: number): Promise<number> {
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.status === 200) return performance.now()
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('no /healthz 200 within 120 s')
}

async function stop(child: ChildProcess): Promise<number> {
  const t0 = performance.now()
  const exited = new Promise((r) => child.once('exit', r))
  process.kill(-child.pid!, 'SIGTERM')
  await exited
  // npm forwards the signal to its script; wait until nothing of the group is left.
  while (tree(child.pid!).length) await new Promise((r) => setTimeout(r, 10))
  return performance.now() - t0
}

async function timedStart(dir: string) {
  const port = await freePort()
  const t0 = performance.now()
  const child = start(dir, port)
  const ready = await untilHealthy(child, port, Date.now())
  const cpuMs = tree(child.pid!).reduce((s, p) => s + p.cpuMs, 0)
  return { child, port, ms: ready - t0, cpuMs }
}

const mb = (kb: number) => (kb / 1024).toFixed(0)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fresh: number[] = []
const restart: number[] = []
const freshCpu: number[] = []
const restartCpu: number[] = []
const stops: number[] = []
let afterStart: Proc[] = []
let afterRequests: Proc[] = []

for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'keikai-startup-'))
  try {
    const first = await timedStart(dir)
    fresh.push(first.ms)
    freshCpu.push(first.cpuMs)
    stops.push(await stop(first.child))
    const again = await timedStart(dir)
    restart.push(again.ms)
    restartCpu.push(again.cpuMs)
    await new Promise((r) => setTimeout(r, 500))
    afterStart = tree(again.child.pid!)
    let left = REQUESTS
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const res = await fetch(`http://127.0.0.1:${again.port}/advisories`)
        if (res.status !== 200) throw new Error(`/advisories answered ${res.status}`)
        await res.arrayBuffer()
      }
    }))
    afterRequests = tree(again.child.pid!)
    stops.push(await stop(again.child))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
const sum = (ps: Proc[]) => ps.reduce((s, p) => s + p.rssKb, 0)
console.log(`command: ${command.join(' ')}   (${RUNS} runs, median)`)
console.log(`fresh start → first /healthz 200:   ${median(fresh).toFixed(0)} ms   [${fresh.map((x) => x.toFixed(0)).join(', ')}]`)
console.log(`restart → first /healthz 200:       ${median(restart).toFixed(0)} ms   [${restart.map((x) => x.toFixed(0)).join(', ')}]`)
console.log(`CPU time to first 200 (fresh/restart): ${median(freshCpu)} / ${median(restartCpu)} ms   (less sensitive to a busy machine)`)
console.log(`SIGTERM → exit:                     ${median(stops).toFixed(0)} ms`)
console.log(`processes: ${afterStart.length}`)
for (const p of afterRequests) console.log(`  ${String(p.pid).padStart(7)} ${mb(p.rssKb).padStart(5)} MB  ${p.cmd.slice(0, 110)}`)
console.log(`RSS of the tree after start:              ${mb(sum(afterStart))} MB`)
console.log(`RSS of the tree after ${REQUESTS} GET /advisories: ${mb(sum(afterRequests))} MB`)
