import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from './support/test-app.js'
import { backgroundJobs, features } from '../src/features.js'
import { runJobsOnce } from '../src/platform/jobs/workers.js'
import { browserClient, createUser, signInBrowser } from './support/clients.js'

/** The links of the wide screen's two bars (the portal's, the workspace menus'); the phone menu repeats them. */
const navLinks = (html: string) => [...html.matchAll(/<nav class="(?:portal|workspace)-nav[^"]*"[^>]*>([\s\S]*?)<\/nav>/g)]
  .flatMap((bar) => [...bar[1]!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!))

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

describe('the list of features', () => {
  it('names each feature once', () => {
    const names = features.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('runs scheduled publication first and mail delivery last, each job once a tick', async () => {
    const names = backgroundJobs.map((j) => j.name)
    expect(names[0]).toBe('publish-due-advisories')
    expect(names.at(-1)).toBe('deliver-due-mail')
    expect(names).toEqual(expect.arrayContaining(['record-due-listing-details', 'deadlines', 'notify-due-priority-information']))
    const results = await runJobsOnce(t.deps, backgroundJobs)
    expect(Object.keys(results)).toEqual(names)
    expect(Object.values(results).every((n) => n === 0)).toBe(true)
  })

  it('shows each feature\'s navigation links to those they are for, and every link leads to a page', async () => {
    const anonymous = browserClient(t)
    const home = await anonymous.get('/')
    const publicLinks = navLinks(home.text)
    expect(publicLinks).toEqual(expect.arrayContaining(['/advisories', '/report', '/uncontactable', '/alerts']))
    expect(publicLinks).not.toContain('/intake')

    const staff = await createUser(t, { roles: ['intake', 'coordinator', 'admin'] })
    const b = browserClient(t)
    await signInBrowser(t, b, staff)
    const links = navLinks((await b.get('/')).text)
    expect(links).toEqual(expect.arrayContaining(['/intake', '/coordination', '/deadlines', '/websites', '/committee', '/admin']))
    expect(new Set(links).size).toBe(links.length)
    for (const href of links) expect((await b.get(href)).status, href).toBe(200)
  })

  it('puts every feature\'s case-page sections on the case page', async () => {
    const { walkToNotifiedDeveloper } = await import('./support/story.js')
    const s = await walkToNotifiedDeveloper(t)
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    // coordination's parties section and the deadlines section, contributed through the list, each on its tab
    expect((await b.get(`/cases/${s.caseId}?tab=parties`)).text).toContain(`action="/cases/${s.caseId}/parties"`)
    expect((await b.get(`/cases/${s.caseId}?tab=deadlines`)).text).toContain('data-testid="case-deadlines"')
  })
})
