import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** The serious and critical accessibility violations axe-core finds on the page as it stands, one line each with where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  // AXE_ALL=1 prints every violation, minor ones too, to see what is left.
  if (process.env.AXE_ALL) console.log(page.url(), result.violations.map((v) => `${v.id} (${v.impact}) ${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`))
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}
