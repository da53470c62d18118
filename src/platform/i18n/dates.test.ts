import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from './index.js'

describe('dates as readers see them', () => {
  it('shows a time in Japan time, year first, in each language its one format', () => {
    const at = '2026-02-03T01:00:00Z'
    expect(formatDateTime(at, 'ja')).toBe('2026/02/03 10:00')
    expect(formatDateTime(at, 'en')).toBe('2026-02-03 10:00 JST')
  })

  it('puts a late-evening UTC instant on the next Japanese day, at 00:xx rather than 24:xx', () => {
    expect(formatDateTime('2026-03-31T15:05:00Z', 'en')).toBe('2026-04-01 00:05 JST')
    expect(formatDateTime('2026-03-31T15:05:00Z', 'ja')).toBe('2026/04/01 00:05')
  })

  it('shows a calendar day without a time in the same order', () => {
    expect(formatDate('2026-02-03', 'ja')).toBe('2026/02/03')
    expect(formatDate('2026-02-03', 'en')).toBe('2026-02-03')
    expect(formatDate(new Date('2026-02-03T16:00:00Z'), 'en')).toBe('2026-02-04')
  })

  it('shows nothing for a missing date', () => {
    expect(formatDateTime(null, 'en')).toBe('')
    expect(formatDate(undefined, 'ja')).toBe('')
  })
})
