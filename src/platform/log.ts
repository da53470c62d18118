import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Structured logs: one JSON object a line on stdout. `KEIKAI_LOG` picks what is written: `off`,
 * `error` (failures only) or `info` (also requests, jobs, start and stop; `on` means the same).
 * Without it the entry point's default applies (the server: info; the demo: error), and tests are quiet.
 * Every line written while `withLogContext` runs carries its fields (a request's `requestId`).
 */
export type Logger = { info: (msg: string, data?: Record<string, unknown>) => void; error: (msg: string, data?: Record<string, unknown>) => void }

export type LogContext = { requestId: string }

export type LogLevel = 'off' | 'error' | 'info'

const RANK: Record<LogLevel, number> = { off: 0, error: 1, info: 2 }

const context = new AsyncLocalStorage<LogContext>()

let defaultLevel: LogLevel = 'info'

/** The level used when `KEIKAI_LOG` is not set: each entry point says what its audience wants. */
export function setDefaultLogLevel(level: LogLevel): void {
  defaultLevel = level
}

/** The level in force now: `KEIKAI_LOG`, else quiet under Vitest, else the entry point's default. */
export function logLevel(): LogLevel {
  const asked = process.env.KEIKAI_LOG
  if (asked === 'on') return 'info'
  if (asked === 'off' || asked === 'error' || asked === 'info') return asked
  return process.env.VITEST ? 'off' : defaultLevel
}

/** Runs `fn` so that every log line written inside it, however deep and after however many awaits, carries `fields`. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run(fields, fn)
}

function write(level: Exclude<LogLevel, 'off'>, msg: string, data?: Record<string, unknown>) {
  if (RANK[logLevel()] < RANK[level]) return
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...context.getStore(), ...data }) + '\n')
}

export const log: Logger = {
  info: (msg, data) => write('info', msg, data),
  error: (msg, data) => write('error', msg, data),
}
