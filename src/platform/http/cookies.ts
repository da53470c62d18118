import { setCookie } from 'hono/cookie'
import type { Ctx } from './context.js'

export const SESSION_COOKIE = 'keikai_session'
export const CSRF_COOKIE = 'keikai_csrf'
export const LANG_COOKIE = 'keikai_lang'

/** Every cookie keikai sets is HttpOnly and SameSite=Lax; Secure when served over https. */
export function setAppCookie(c: Ctx, name: string, value: string, maxAgeSeconds: number) {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.secureCookies,
    path: '/',
    maxAge: maxAgeSeconds,
  })
}
