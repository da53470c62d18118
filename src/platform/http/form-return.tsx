import type { MiddlewareHandler } from 'hono'
import type { AppEnv, Ctx } from './context.js'

/**
 * Forms keep their place: a page that shows one view of a longer page (a tab of the case page) says
 * so with `keepPlaceInForms`; every form it renders then carries the place (field `_return`, added by
 * `Csrf`), and `returnToPlace` sends the redirect after the post back there instead of to the page's
 * default view — only when the redirect goes to the same path, so the field cannot send anyone elsewhere.
 */
const places = new WeakMap<object, string>()

/** Forms rendered for this request return to `place` (a path with its query, such as `/cases/1?tab=parties`). */
export const keepPlaceInForms = (c: Ctx, place: string) => { places.set(c.req.raw, place) }

/** The hidden field with the place, when the page keeps one. */
export function ReturnField(props: { c: Ctx }) {
  const place = places.get(props.c.req.raw)
  return place ? <input type="hidden" name="_return" value={place} /> : null
}

/** The redirect a form post ends with, sent to the place the form came from when it is the same page. Pure. */
export function placeOf(location: string, returnField: unknown): string {
  if (typeof returnField !== 'string' || !returnField.startsWith('/') || returnField.startsWith('//')) return location
  const base = 'http://keikai.invalid'
  let to: URL, back: URL
  try {
    to = new URL(location, base)
    back = new URL(returnField, base)
  } catch {
    return location
  }
  if (to.origin !== base || back.origin !== base || to.pathname !== back.pathname || to.search !== '') return location
  return `${back.pathname}${back.search}${to.hash}`
}

/** After a form post that redirects (303) to a page, goes back to the place the form was on instead. */
export const returnToPlace: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (c.req.method !== 'POST' || c.res.status !== 303 || !(c.req.header('content-type') ?? '').match(/^(application\/x-www-form-urlencoded|multipart\/form-data)/)) return
  const location = c.res.headers.get('Location')
  if (!location) return
  // A route that never read its body (a button-only form) may have been sent one that does not
  // parse: then there is no place to return to, and the route's own redirect stands.
  let field: unknown
  try {
    field = (await c.req.parseBody({ all: true }))['_return']
  } catch {
    return
  }
  const place = placeOf(location, field)
  if (place !== location) c.res.headers.set('Location', place)
}
