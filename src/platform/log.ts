import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Structured logs: one JSON object a line on stdout. KEIKAI_LOG=off silences them; tests are quiet unless KEIKAI_LOG is set.
 * Every line written while `withLogContext` runs carries its fields (a request's `requestId`).
 */
export type Logger = { info: (msg: string, data?: Record<string, unknown>) => void; error: (msg: string, data?: Record<string, unknown>) => void }

export type LogContext = { requestId: string }

const context = new AsyncLocalStorage<LogContext>()

/** Runs `fn` so that every log line written inside it, however deep and after however many awaits, carries `fields`. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run(fields, fn)
}

const quiet = () => process.env.KEIKAI_LOG === 'off' || Boolean(process.env.VITEST && !process.env.KEIKAI_LOG)

function write(level: string, msg: string, data?: Record<string, unknown>) {
  if (quiet()) return
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...context.getStore(), ...data }) + '\n')
}

export const log: Logger = {
  info: (msg, data) => write('info', msg, data),
  error: (msg, data) => write('error', msg, data),
}
