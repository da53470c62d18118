import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe.js'
import type { Actor } from '../security/access/access-types.js'
import { startLayoutWorld, type LayoutWorld } from './layout-world.js'

/**
 * axe-core, run in Chromium, finds no serious or critical accessibility violation on the pages
 * people use most — the portal, a public advisory, both report forms, the staff case page, the
 * advisory editor, the guides, the checklist, a download's survey, the notice registration and the
 * effect dashboard — in Japanese and in English, on a desktop and on a phone.
 */

let w: LayoutWorld

beforeAll(async () => {
  w = await startLayoutWorld()
}, 300_000)

afterAll(async () => {
  await w?.b.close()
})

const pages: { name: string; actor: Actor; path: () => string }[] = [
  { name: 'the portal home', actor: 'anonymous', path: () => '/' },
  { name: 'a public advisory', actor: 'anonymous', path: () => w.advisoryPath },
  { name: 'the product report form', actor: 'anonymous', path: () => '/report' },
  { name: 'the website report form', actor: 'anonymous', path: () => '/report/website' },
  { name: 'the staff case page', actor: 'coordinator', path: () => `/cases/${w.fuzz.world.caseId}` },
  { name: 'the advisory editor', actor: 'coordinator', path: () => `/cases/${w.fuzz.world.caseId}/advisory` },
  { name: 'the guides', actor: 'anonymous', path: () => '/guides' },
  { name: 'the developer checklist', actor: 'anonymous', path: () => '/guides/developers/checklist' },
  { name: 'a consumer guide', actor: 'anonymous', path: () => '/guides/consumers/choosing' },
  { name: "a download's survey", actor: 'anonymous', path: () => '/guides/downloads/checklist' },
  { name: 'the update-notice registration', actor: 'anonymous', path: () => '/guides/updates' },
  { name: 'the guides effect dashboard', actor: 'coordinator', path: () => '/guides/effect' },
]

describe('no serious accessibility violations', () => {
  it('are looked for: a field without a label is one', { timeout: 60_000 }, async () => {
    const { page } = await w.as('anonymous')
    await page.setContent('<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body><main><h1>t</h1><input type="text"></main></body></html>')
    expect((await seriousViolations(page)).join('\n')).toMatch(/^label \(critical\)/m)
  })

  for (const lang of ['ja', 'en'] as const) {
    for (const p of pages) {
      it(`on ${p.name} (${lang})`, { timeout: 90_000 }, async () => {
        const { page } = await w.as(p.actor)
        const answer = await page.goto(`${p.path()}?lang=${lang}`)
        expect(answer?.status()).toBe(200)
        expect(await page.locator('html').getAttribute('lang')).toBe(lang)
        expect(await seriousViolations(page)).toEqual([])
      })
    }
  }

  it('on the phone menu, opened, and the staff case page at 390 px', { timeout: 90_000 }, async () => {
    const { page } = await w.as('coordinator', { width: 390, height: 844 })
    await page.goto(`/cases/${w.fuzz.world.caseId}?lang=ja`)
    await page.locator('header').getByText('メニュー').click()
    expect(await seriousViolations(page)).toEqual([])
  })

  it('on an open workspace menu at 1280 px', { timeout: 90_000 }, async () => {
    const { page } = await w.as('coordinator', { width: 1280, height: 900 })
    await page.goto('/coordination?lang=ja')
    await page.getByRole('navigation', { name: '業務メニュー' }).locator('summary', { hasText: '調整' }).click()
    expect(await seriousViolations(page)).toEqual([])
  })
})
