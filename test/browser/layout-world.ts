import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { TEST_PASSWORD, totpCode, type TestUser } from '../support/clients.js'
import { buildFuzzWorld, type FuzzWorld } from '../support/fuzz-world.js'
import { walkToNotifiedDeveloper } from '../support/story.js'
import type { Actor } from '../security/access/access-types.js'
import { signIn, startBrowserApp, type BrowserApp, type Person } from './browser.js'

/**
 * The world the layout tests look at: the authorisation matrix's (a product case with a notified
 * developer and a drafted advisory, a website case, every feature's own objects) plus a public
 * advisory with the long tokens phones choke on (CVSS vectors, long URLs, a CPE name); the clock
 * stands after both advisories' publication, so the portal shows them.
 */
export type LayoutWorld = {
  b: BrowserApp
  fuzz: FuzzWorld
  /** The public page and the staff editor of the advisory with CVSS vectors. */
  advisoryPath: string
  advisoryCaseId: string
  /** A person signed in as the actor (anonymous: no one), one per actor, made on first use. */
  as: (actor: Actor | 'allStaff', viewport?: { width: number; height: number }) => Promise<Person>
}

const NOW = '2026-04-01T01:00:00Z'
const AFTER_PUBLICATION = '2026-06-02T01:00:00Z'
export const VECTOR_31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'
export const VECTOR_40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'

export async function startLayoutWorld(): Promise<LayoutWorld> {
  const b = await startBrowserApp({ now: NOW })
  try {
    const fuzz = await buildFuzzWorld(b.t)
    const s = await walkToNotifiedDeveloper(b.t, { orgName: '長い名前の電機製造株式会社' })
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正版を公開しました', en: 'A fixed version is out' } })
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
      title: { ja: 'WR-2000 シリーズにおけるクロスサイトスクリプティングの脆弱性', en: 'Cross-site scripting in the WR-2000 series' },
      overview: { ja: '概要です。', en: 'An overview.' }, description: { ja: '詳細です。', en: 'Details.' },
      impact: { ja: '影響です。', en: 'Impact.' }, solution: { ja: '最新版に更新してください。', en: 'Update to the latest version.' },
      vulnerabilities: [{ title: { ja: '格納型 XSS', en: 'Stored XSS' }, cweId: 'CWE-79', cvss31Vector: VECTOR_31, cvss40Vector: VECTOR_40 }],
      affectedProducts: [{ developer: '長い名前の電機製造株式会社', product: 'WR-2000', versions: 'ファームウェア 1.0.0-beta.20260101+build.0123456789abcdef 以前', cpe: 'cpe:2.3:o:sample_electric:wr-2000_firmware:1.0.0:*:*:*:*:*:*:*' }],
      references: [{ title: 'Vendor advisory', url: 'https://www.example.jp/support/security/advisories/2026/0123456789abcdef0123456789abcdef/index.html' }],
    })
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-05-01T01:00:00Z' })
    expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
    b.t.clock.set(AFTER_PUBLICATION)
    const users: Partial<Record<Actor | 'allStaff', TestUser | null>> = { ...fuzz.world.users, allStaff: fuzz.staff }
    const people = new Map<string, Person>()
    return {
      b, fuzz, advisoryCaseId: s.caseId,
      advisoryPath: `/advisories/${(scheduled.json.identifier as string).replace('#', '')}`,
      as: async (actor, viewport) => {
        const key = `${actor} ${viewport?.width ?? ''}`
        const known = people.get(key)
        if (known) return known
        const person = await b.person()
        if (viewport) await person.page.setViewportSize(viewport)
        const user = users[actor]
        if (user) {
          // Sign-ins from one address are limited per five minutes; the walks sign many people in.
          b.t.clock.advance(301_000)
          await signIn(person.page, user.email, TEST_PASSWORD, () => totpCode(b.t, user))
        }
        people.set(key, person)
        return person
      },
    }
  } catch (error) {
    await b.close()
    throw error
  }
}

/**
 * How far the page reaches past the viewport, and the deepest elements that stick out (a tag with
 * its class, test id or text), so a failure names what to fix.
 */
export async function overflow(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth
    const culprits: string[] = []
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect()
      if (r.right <= viewport + 0.5 || r.width === 0) continue
      // Only the innermost: a child sticking out would name it already.
      if (Array.from(el.children).some((c) => c.getBoundingClientRect().right > viewport + 0.5)) continue
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')
      const id = el.getAttribute('data-testid') ?? (el.textContent ?? '').trim().slice(0, 40)
      culprits.push(`${name} (${Math.round(r.right)}px) "${id}"`)
      if (culprits.length >= 5) break
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, culprits }
  })
}
