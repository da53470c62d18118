import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from './context.js'
import { returnToPlace } from './form-return.js'

/** A page whose button-only form redirects to its own path, behind the app-wide middleware. */
function appWithRedirect() {
  const app = new Hono<AppEnv>()
  app.use(returnToPlace)
  app.post('/cases/1/notify', (c) => c.redirect('/cases/1', 303))
  return app
}

describe('forms keep their place', () => {
  it('sends the redirect back to the tab the form was posted from', async () => {
    const res = await appWithRedirect().request('/cases/1/notify', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_return=%2Fcases%2F1%3Ftab%3Dparties',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/cases/1?tab=parties')
  })

  it('never sends anyone to another page or site', async () => {
    for (const place of ['https://evil.example/cases/1', '//evil.example/x', '/admin/users']) {
      const res = await appWithRedirect().request('/cases/1/notify', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_return=${encodeURIComponent(place)}`,
      })
      expect(res.headers.get('location'), place).toBe('/cases/1')
    }
  })

  it('keeps the route\'s own redirect when the body it never read does not parse', async () => {
    const res = await appWithRedirect().request('/cases/1/notify', {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=' }, body: '--fzb--\r\n',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/cases/1')
  })
})
