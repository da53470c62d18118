import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser'

// The rules `npm run lint` checks (README, "How the code is laid out").
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration

async function violations(baseDir: string): Promise<{ rule: string; from: string; to: string }[]> {
  const result = await cruise(['src'], { ruleSet: config, ...config.options, baseDir, validate: true }, undefined, { tsConfig: { fileName: join(process.cwd(), 'tsconfig.json') } } as never)
  return (result.output as ICruiseResult).summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
}

const scratch = mkdtempSync(join(tmpdir(), 'keikai-layers-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A miniature tree with one file per layer, and the imports a careless change would add. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'tree-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const base = {
  'src/platform/log.ts': 'export const log = 1\n',
  'src/cases/case-view.ts': "import { log } from '../platform/log.js'\nexport const view = log\n",
  'src/intake/intake.usecases.ts': "import { view } from '../cases/case-view.js'\nexport const fileReport = view\n",
  'src/intake/index.ts': "export { fileReport } from './intake.usecases.js'\n",
  'src/websites/website-cases.usecases.ts': "export const closeByAlert = 2\n",
  'src/websites/index.ts': "export { closeByAlert } from './website-cases.usecases.js'\n",
  'src/alerts/alerts.usecases.ts': "import { closeByAlert } from '../websites/index.js'\nimport { fileReport } from '../intake/index.js'\nexport const x = closeByAlert + fileReport\n",
}

describe('the layers of the code (dependency-cruiser, run by npm run lint)', () => {
  it('hold on the whole tree', async () => {
    expect(await violations(process.cwd())).toEqual([])
  }, 60_000)

  it('let a feature use the kernel, the platform, and other features through their index', async () => {
    expect(await violations(tree(base))).toEqual([])
  })

  it('fail when the platform imports a feature', async () => {
    const found = await violations(tree({ ...base, 'src/platform/catalog.ts': "import { fileReport } from '../intake/index.js'\nexport const c = fileReport\n" }))
    expect(found).toContainEqual({ rule: 'platform-imports-nothing-above', from: 'src/platform/catalog.ts', to: 'src/intake/index.ts' })
  })

  it('fail when the case kernel imports a feature', async () => {
    const found = await violations(tree({ ...base, 'src/cases/case-page.ts': "import { closeByAlert } from '../websites/index.js'\nexport const p = closeByAlert\n" }))
    expect(found.map((v) => v.rule)).toContain('kernel-imports-no-feature')
  })

  it("fail when a feature reaches into another feature's internals", async () => {
    const found = await violations(tree({ ...base, 'src/alerts/alerts.usecases.ts': "import { closeByAlert } from '../websites/website-cases.usecases.js'\nexport const x = closeByAlert\n" }))
    expect(found).toContainEqual({ rule: 'features-through-their-front-door', from: 'src/alerts/alerts.usecases.ts', to: 'src/websites/website-cases.usecases.ts' })
  })

  it('fail when intake imports a later flow', async () => {
    const found = await violations(tree({ ...base, 'src/intake/intake.views.ts': "import { closeByAlert } from '../websites/index.js'\nexport const v = closeByAlert\n" }))
    expect(found.map((v) => v.rule)).toContain('early-flows-import-no-later-flow')
  })

  it('fail on a cycle, also one made only of type imports', async () => {
    const found = await violations(tree({
      ...base,
      'src/cases/a.ts': "import type { B } from './b.js'\nexport type A = { b?: B }\n",
      'src/cases/b.ts': "import type { A } from './a.js'\nexport type B = { a?: A }\n",
    }))
    expect(found.map((v) => v.rule)).toContain('no-cycles')
  })
})
