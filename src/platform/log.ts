/** Structured logs: one JSON object a line on stdout. KEIKAI_LOG=off silences them; tests are quiet unless KEIKAI_LOG is set. */
export type Logger = { info: (msg: string, data?: Record<string, unknown>) => void; error: (msg: string, data?: Record<string, unknown>) => void }

const quiet = () => process.env.KEIKAI_LOG === 'off' || Boolean(process.env.VITEST && !process.env.KEIKAI_LOG)

function write(level: string, msg: string, data?: Record<string, unknown>) {
  if (quiet()) return
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...data }) + '\n')
}

export const log: Logger = {
  info: (msg, data) => write('info', msg, data),
  error: (msg, data) => write('error', msg, data),
}
