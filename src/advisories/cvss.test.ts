import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../platform/errors.js'
import { scoreCvss31, scoreCvss40, severityOf } from './cvss.js'

/** `vector - (base, …)` or `vector - score` lines from the reference samples (see fixtures/README.md). */
function fixture(name: string): Array<{ vector: string; base: number }> {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((line) => {
    const [vector, expected] = line.split(' - ') as [string, string]
    return { vector, base: Number(expected.replace(/[()]/g, '').split(',')[0]) }
  })
}

function expectInvalid(fn: () => unknown) {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('advisories.invalid_cvss')
    expect((e as AppError).status).toBe(400)
    return
  }
  throw new Error('expected advisories.invalid_cvss')
}

describe('CVSS scoring', () => {
  it('matches the Red Hat reference scores for CVSS 3.1 base vectors', () => {
    const vectors = fixture('cvss31-simple31.sample.txt')
    expect(vectors).toHaveLength(50)
    for (const { vector, base } of vectors) expect(scoreCvss31(vector), vector).toMatchObject({ vector, score: base })
  })

  it('matches the reference scores for CVSS 4.0 base vectors', () => {
    const vectors = [...fixture('cvss40-simple4.sample.txt'), ...fixture('cvss40-all-base.sample.txt')]
    expect(vectors).toHaveLength(75)
    for (const { vector, base } of vectors) expect(scoreCvss40(vector), vector).toMatchObject({ vector, score: base })
  })

  it('rates severity on the shared scale', () => {
    expect(scoreCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, severity: 'critical',
    })
    expect(scoreCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N').severity).toBe('none')
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOf))
      .toEqual(['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical'])
  })

  it('accepts CVSS 3.1 metrics in any order and stores them in the specification order', () => {
    expect(scoreCvss31('CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H').vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
  })

  it('refuses malformed CVSS 3.1 vectors', () => {
    for (const bad of [
      '',
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/XX:H',
      ' CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H<script>',
    ]) expectInvalid(() => scoreCvss31(bad))
  })

  it('refuses malformed CVSS 4.0 vectors', () => {
    for (const bad of [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:X',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
      'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A',
      'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
      'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ]) expectInvalid(() => scoreCvss40(bad))
  })

  it('names the form field of an invalid vector', () => {
    let caught: unknown
    try { scoreCvss40('nope', 'vulnerabilities.0.cvss40Vector') } catch (e) { caught = e }
    expect((caught as AppError).details).toEqual({ fields: { 'vulnerabilities.0.cvss40Vector': expect.any(String) } })
  })
})
