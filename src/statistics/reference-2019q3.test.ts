import { describe, expect, it } from 'vitest'
import { REFERENCE_2019Q3 as REF } from './reference-2019q3.js'

// The reference values as typed from DESIGN §8 must agree with themselves: a typo here would
// make the synthetic history and every test built on it aim at the wrong figures.
describe('the 2019Q3 reference values', () => {
  it('split every product report into exactly one status', () => {
    const p = REF.product
    expect(p.published + p.notVulnerable + p.inHandling + p.notAccepted + p.handledIndividually).toBe(p.total)
    expect(p.uncontactable.resumed + p.uncontactable.publishedByCommittee + p.uncontactable.stillUncontactable).toBe(p.uncontactable.listed)
    expect(p.uncontactable.stillUncontactable).toBe(p.uncontactableInHandling)
    expect(Math.round((p.publishedWithin45Days * 100) / p.published)).toBe(p.publishedWithin45Percent)
    expect(Math.round((p.published301DaysOrMore * 100) / p.published)).toBe(p.published301OrMorePercent)
  })

  it('split every website report into exactly one status', () => {
    const w = REF.website
    expect(w.fixed + w.closedByAlert + w.notVulnerable + w.inHandling + w.stalled + w.notAccepted).toBe(w.total)
    expect(w.longRunning).toBeLessThan(w.inHandling)
  })

  it('end the cumulative totals with the quarter\'s product and website totals, growing every quarter', () => {
    const totals = REF.cumulative.map((q) => q.total)
    expect(totals.at(-1)).toBe(REF.product.total + REF.website.total)
    expect(totals.every((n, i) => i === 0 || n > totals[i - 1]!)).toBe(true)
    expect(REF.cumulative.at(-1)!.quarterEnd).toBe(REF.quarterEnd)
  })
})
