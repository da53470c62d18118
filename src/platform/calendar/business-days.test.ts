import { describe, expect, it } from 'vitest'
import { addBusinessDays, businessDaysBetween, isBusinessDay, japanDate, startOfJapanDay } from './business-days.js'

describe('the Japanese business-day calendar', () => {
  it('skips weekends and national holidays', () => {
    expect(isBusinessDay('2026-04-28')).toBe(true) // Tuesday
    expect(isBusinessDay('2026-04-29')).toBe(false) // 昭和の日
    expect(isBusinessDay('2026-05-02')).toBe(false) // Saturday
    expect(addBusinessDays('2026-04-28', 1)).toBe('2026-04-30')
  })

  it('knows substitute holidays', () => {
    expect(isBusinessDay('2019-05-06')).toBe(false) // こどもの日 振替休日
    expect(isBusinessDay('2020-02-24')).toBe(false) // 天皇誕生日 振替休日
    expect(isBusinessDay('2025-11-24')).toBe(false) // 勤労感謝の日 振替休日
  })

  it("knows 2019's special holidays around the enthronement", () => {
    for (const d of ['2019-04-30', '2019-05-01', '2019-05-02', '2019-10-22']) expect(isBusinessDay(d)).toBe(false)
    expect(addBusinessDays('2019-04-26', 1)).toBe('2019-05-07')
    expect(businessDaysBetween('2019-04-27', '2019-05-06')).toBe(0)
  })

  it('treats 29 December to 3 January as holidays, across the year end', () => {
    expect(isBusinessDay('2025-12-26')).toBe(true)
    for (const d of ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']) expect(isBusinessDay(d)).toBe(false)
    expect(addBusinessDays('2025-12-26', 1)).toBe('2026-01-05')
    expect(addBusinessDays('2026-01-05', -1)).toBe('2025-12-26')
    expect(addBusinessDays('2025-12-31', 0)).toBe('2026-01-05')
  })

  it('counts business days inclusively (the statistics count from 2004-07-08)', () => {
    // Golden Week 2026: 29 Apr, 4–6 May (6 May substitutes for Sunday 3 May) are holidays
    expect(businessDaysBetween('2026-04-27', '2026-05-08')).toBe(6)
    expect(businessDaysBetween('2026-05-08', '2026-04-27')).toBe(0)
  })

  it('computes in Japan time whatever the machine time zone', () => {
    // 2026-04-29T16:00Z is already 30 April in Tokyo
    expect(japanDate(new Date('2026-04-29T16:00:00Z'))).toBe('2026-04-30')
    expect(startOfJapanDay('2026-04-30').toISOString()).toBe('2026-04-29T15:00:00.000Z')
  })
})
