import type { MiddlewareHandler } from 'hono'
import { errors } from '../errors.js'
import type { AppEnv } from './context.js'

/**
 * NUL and unpaired UTF-16 surrogates: nobody types them, PostgreSQL cannot store them (NUL is an
 * invalid byte sequence in text; a lone surrogate has no UTF-8 form and breaks jsonb), and they
 * have no business in a header, a file name or a mail. Text holding one is refused at the edge.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u

/** The catalogue key of the message for such text. */
export const UNSTORABLE_TEXT_MESSAGE = 'validation.unstorable_text'

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s)

/**
 * Where in a decoded body (JSON value or form fields) the first unstorable string or key is, as a
 * field path (`urls.0`, `_` for the body itself), or undefined when all text is storable. Walks
 * with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function unstorableTextAt(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']]
  while (stack.length) {
    const [v, path] = stack.pop()!
    if (typeof v === 'string') {
      if (!isStorableText(v)) return path || '_'
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]))
    } else if (v && typeof v === 'object' && !(v instanceof Blob)) {
      for (const [k, item] of Object.entries(v)) {
        if (!isStorableText(k)) return path || '_'
        stack.push([item, path ? `${path}.${k}` : k])
      }
    }
  }
  return undefined
}

/** A 400 naming the field whose text cannot be stored. */
export const unstorableText = (field: string) => errors.invalidInput({ fields: { [field]: UNSTORABLE_TEXT_MESSAGE } })

/** Percent-decoding run by run, leaving malformed runs as they are (as the router does). */
const decoded = (s: string): string => s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
  try {
    return decodeURIComponent(run)
  } catch {
    return run
  }
})

/**
 * Refuses a request whose decoded path or query holds unstorable text (`/cases/%00`, `?q=%00`)
 * with a 400 before any route reads it. Bodies are checked where they are parsed (`validate.ts`).
 */
export const rejectUnstorableText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url)
  if (!isStorableText(decoded(url.pathname))) throw unstorableText('_path')
  for (const [key, value] of url.searchParams) {
    if (!isStorableText(key) || !isStorableText(value)) throw unstorableText(isStorableText(key) ? key : '_query')
  }
  return next()
}
