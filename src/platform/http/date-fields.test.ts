import { describe, expect, it } from 'vitest'
import { isoDateField, jstDateTimeField } from './date-fields.js'

describe('date fields', () => {
  it('a date field takes real calendar dates, leap days included, and refuses the rest', () => {
    for (const ok of ['2026-04-01', '2024-02-29', ' 2026-12-31 ']) expect(isoDateField.safeParse(ok).success, ok).toBe(true)
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', 'today', '', '0999-01-01']) {
      expect(isoDateField.safeParse(bad).success, bad).toBe(false)
    }
  })

  it('a date-and-time field reads Japan time and refuses days and times that do not exist instead of rolling them over', () => {
    expect(jstDateTimeField.parse('2026-04-01T09:30')).toEqual(new Date('2026-04-01T00:30:00Z'))
    expect(jstDateTimeField.parse('2024-02-29T23:59:59')).toEqual(new Date('2024-02-29T14:59:59Z'))
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-04-01T24:00', '2026-04-01T10:60', '2026-04-01', '2026-04-01T10:00Z']) {
      expect(jstDateTimeField.safeParse(bad).success, bad).toBe(false)
    }
  })
})
