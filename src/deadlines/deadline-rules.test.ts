import { describe, expect, it } from 'vitest'
import { deadlineInstants, dueDateFor } from './deadline-policies.js'
import { addMonths } from '../platform/calendar/business-days.js'
import { resolutionFor, wantedTimers, type CaseFacts } from './timer-sync.js'

const facts = (f: Partial<CaseFacts>): CaseFacts => ({
  status: 'developer_notified', startDate: null, oldestPendingNotification: null, anyNotified: false, scheduledPublishAt: null, listedAt: null, detailsListed: false, ...f,
})

describe('deadline arithmetic', () => {
  it('adds months to the same day, or to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-10-15', 3)).toBe('2026-01-15')
  })

  it('counts business days before a date for the priority-information lead time', () => {
    // Publication on Thursday 8 May 2025: 7 May, 2 May, 1 May, 30 April, then 28 April (29 April and 3–6 May are holidays).
    expect(dueDateFor({ amount: 5, unit: 'business_days', direction: 'before' }, '2025-05-08')).toBe('2025-04-28')
  })

  it('makes a day-based deadline pass at midnight in Tokyo after its day, and reminds at the start of an earlier business day', () => {
    const { dueAt, remindAt } = deadlineInstants({ amount: 5, unit: 'business_days', direction: 'after', reminderLeadBusinessDays: 2 }, { date: '2025-04-28' })
    expect(dueAt.toISOString()).toBe('2025-05-08T15:00:00.000Z')
    expect(remindAt.toISOString()).toBe('2025-05-01T15:00:00.000Z')
  })

  it('uses an agreed instant as it is, and never reminds after the due time', () => {
    const at = new Date('2025-10-10T02:00:00Z')
    const { dueAt, remindAt } = deadlineInstants({ amount: 45, unit: 'calendar_days', direction: 'after', reminderLeadBusinessDays: 0 }, { at })
    expect(dueAt).toEqual(at)
    expect(remindAt.toISOString()).toBe('2025-10-09T15:00:00.000Z')
  })
})

describe('which timers a case needs', () => {
  const listedAt = new Date('2025-06-02T01:00:00Z')

  it('an uncontactable listing starts the committee referral and the product-details timers', () => {
    const wanted = wantedTimers(facts({ status: 'uncontactable', listedAt }))
    expect([...wanted.keys()].filter((k) => wanted.get(k) !== 'leave').sort()).toEqual(['committee_referral', 'uncontactable_product_details'])
  })

  it('a referral to the committee ends the referral timer but keeps the listing timer', () => {
    const f = facts({ status: 'committee_review', listedAt })
    expect(wantedTimers(f).has('committee_referral')).toBe(false)
    expect(wantedTimers(f).has('uncontactable_product_details')).toBe(true)
    expect(resolutionFor('committee_referral', f)).toBe('referred')
  })

  it('resumption (調整再開) ends both, and a listed product ends the listing timer', () => {
    const resumed = facts({ status: 'developer_notified', listedAt: null })
    expect(resolutionFor('committee_referral', resumed)).toBe('resumed')
    expect(resolutionFor('uncontactable_product_details', resumed)).toBe('resumed')
    const listed = facts({ status: 'uncontactable', listedAt, detailsListed: true })
    expect(wantedTimers(listed).has('uncontactable_product_details')).toBe(false)
    expect(resolutionFor('uncontactable_product_details', listed)).toBe('details_listed')
  })

  it('a closed or published case needs no timers', () => {
    for (const status of ['published', 'not_vulnerable', 'handled_individually', 'closed_low_impact']) {
      expect(wantedTimers(facts({ status, startDate: '2025-01-06', oldestPendingNotification: new Date() })).size).toBe(0)
    }
    expect(resolutionFor('publication_target', facts({ status: 'published' }))).toBe('published')
    expect(resolutionFor('developer_acknowledgement', facts({ status: 'handled_individually' }))).toBe('closed')
  })

  it('the priority-information timer follows a scheduled publication but is started by its own feature', () => {
    const at = new Date('2025-05-08T01:00:00Z')
    expect(wantedTimers(facts({ status: 'publication_scheduled', scheduledPublishAt: at })).get('priority_information_lead')).toMatchObject({ base: { date: '2025-05-08' }, start: false })
    expect(wantedTimers(facts({ status: 'fix_in_progress' })).get('priority_information_lead')).toBe('leave')
  })
})
