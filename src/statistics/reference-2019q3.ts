/**
 * The real programme's published figures for the quarter ending 2019-09-30 (DESIGN §8), as the
 * quarterly report printed them: counts exactly, shares as whole percents. Nothing computes from
 * these; they are what the synthetic history (src/demo/history) must reproduce from its events,
 * and what tests compare a computed report with.
 */
export const REFERENCE_2019Q3 = {
  quarterEnd: '2019-09-30',
  /** Figure 1: product + website reports received up to each quarter end, oldest first. */
  cumulative: [
    { quarter: '2016Q4', quarterEnd: '2016-12-31', total: 12_922 },
    { quarter: '2017Q1', quarterEnd: '2017-03-31', total: 13_064 },
    { quarter: '2017Q2', quarterEnd: '2017-06-30', total: 13_335 },
    { quarter: '2017Q3', quarterEnd: '2017-09-30', total: 13_456 },
    { quarter: '2017Q4', quarterEnd: '2017-12-31', total: 13_526 },
    { quarter: '2018Q1', quarterEnd: '2018-03-31', total: 13_664 },
    { quarter: '2018Q2', quarterEnd: '2018-06-30', total: 13_822 },
    { quarter: '2018Q3', quarterEnd: '2018-09-30', total: 13_999 },
    { quarter: '2018Q4', quarterEnd: '2018-12-31', total: 14_090 },
    { quarter: '2019Q1', quarterEnd: '2019-03-31', total: 14_213 },
    { quarter: '2019Q2', quarterEnd: '2019-06-30', total: 14_710 },
    { quarter: '2019Q3', quarterEnd: '2019-09-30', total: 15_050 },
  ],
  /** Figure 2. `inHandling` includes `uncontactable`; `published` includes `byCommittee`. */
  product: {
    total: 4_390, published: 2_010, publishedByCommittee: 11, notVulnerable: 97, inHandling: 1_757,
    uncontactableInHandling: 191, notAccepted: 487, handledIndividually: 39,
    /** Figure 4: days from acceptance (受理) to publication. */
    publishedWithin45Days: 590, publishedWithin45Percent: 29, published301DaysOrMore: 513, published301OrMorePercent: 26,
    /** Figure 7. */
    uncontactable: { listed: 251, resumed: 49, resumedCompleted: 26, publishedByCommittee: 11, stillUncontactable: 191 },
  },
  /** Figure 3. `fixed` includes `workaround` and `pageDeleted`. */
  website: {
    total: 10_660, fixed: 7_632, workaround: 32, pageDeleted: 1_095, closedByAlert: 1_130, notVulnerable: 645,
    inHandling: 791, stalled: 210, notAccepted: 252,
    /** Figure 8, whole percents. */
    fixedWithin30Percent: 48, fixedWithin90Percent: 66,
    /** Figures 9 and 10: the three largest, whole percents of every report but the not accepted. */
    typePercents: { xss: 58, dns_misconfiguration: 13, sql_injection: 11 },
    impactPercents: { fake_content: 56, domain_info_injection: 13, data_tampering: 11 },
    /** Figure 11. */
    longRunning: 297, longRunningSqlInjectionPercent: 21,
  },
} as const

export type Reference2019Q3 = typeof REFERENCE_2019Q3
