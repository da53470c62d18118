import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogue } from '../src/platform/i18n/catalog.js'
// The composition root hands every feature's messages to the catalogue when the app module loads.
import '../src/app.js'
import { PRODUCT_CASE_STATUSES } from '../src/cases/product-case.transitions.js'

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f)
  return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : []
})
const sources = files('src').map((f) => ({ f, text: readFileSync(f, 'utf8') }))

describe('the message catalogues', () => {
  it('have the same keys in Japanese and English, none empty', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.ja).sort())
    for (const lang of ['ja', 'en'] as const) {
      const empty = Object.entries(catalogue[lang]).filter(([, v]) => !v.trim()).map(([k]) => k)
      expect(empty, lang).toEqual([])
    }
  })

  it('hold every literal key the code asks for', () => {
    const missing: string[] = []
    for (const { f, text } of sources) {
      for (const m of text.matchAll(/\bt\('([a-z0-9_.]+)'/g)) if (!(m[1]! in catalogue.ja)) missing.push(`${f}: ${m[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('name every case status and every event type the code records', () => {
    const missing: string[] = []
    for (const s of PRODUCT_CASE_STATUSES) if (!(`case.status.${s}` in catalogue.ja)) missing.push(`case.status.${s}`)
    const eventTypes = new Set<string>()
    for (const { text } of sources) {
      for (const m of text.matchAll(/(?:changeCase|appendEvent)\([\s\S]{0,300}?\btype: '([a-z_]+)'/g)) eventTypes.add(m[1]!)
      for (const m of text.matchAll(/transitionProductCase\([\s\S]{0,300}?\baction: '([a-z_]+)'/g)) eventTypes.add(m[1]!)
    }
    expect(eventTypes.size).toBeGreaterThan(15)
    for (const e of eventTypes) if (!(`event.${e}` in catalogue.ja)) missing.push(`event.${e}`)
    expect(missing).toEqual([])
  })
})
