/**
 * The case histories the statistics benchmarks write: product reports and website cases, each
 * batch's events straight into case_events with SQL over generate_series (see event-history.ts).
 */
import { sql } from 'kysely'
import { batch, N } from './event-history.js'

const PRODUCT_TYPES = ['web_application', 'web_application', 'web_application', 'router', 'consumer_device', 'smartphone_app', 'web_browser', 'groupware', 'peripheral', 'other']
const CAUSES = ['web_application', 'web_application', 'web_application', 'buffer_check', 'access_control', 'specification', 'path_content_check', 'other_implementation']
const WEBSITE_TYPES = ['xss', 'xss', 'xss', 'xss', 'xss', 'xss', 'dns_misconfiguration', 'sql_injection', 'file_exposure', 'other']
const IMPACTS = ['fake_content', 'fake_content', 'fake_content', 'fake_content', 'fake_content', 'domain_info_injection', 'data_tampering', 'personal_info_leak', 'server_file_leak', 'other']

/**
 * One batch of reports [lo, hi), events in the order of their stages. `k` = i * 7919 mod 1000
 * picks the story: < 110 not accepted (1 in 10 of those a joined duplicate), < 570 published
 * (1 in 100 by committee after being listed), < 595 not vulnerable, < 605 individually, < 610
 * low impact, < 660 listed uncontactable (1 in 5 resumed), else still in coordination.
 */
export const loadProductBatch = (prefix: string, count = N) => async (lo: number, hi: number) => {
  const { cases, event: ev, filed } = batch(prefix, 'product', lo, hi, count)
  const k = sql`((i * 7919) % 1000)`
  const accepted = sql`(${filed} + interval '2 days')`
  const notified = sql`(${filed} + interval '10 days')`
  const ended = sql`(${notified} + (((i * 37) % 400) * ((i * 37) % 400) / 300) * interval '1 day')`
  const types = sql`(array[${sql.join(PRODUCT_TYPES)}])[1 + i % ${PRODUCT_TYPES.length}]`
  const causes = sql`(array[${sql.join(CAUSES)}])[1 + i % ${CAUSES.length}]`
  await cases()
  await ev('report_submitted', null, 'received', filed, sql`jsonb_build_object('kind', 'product', 'productType', ${types})`, sql`true`)
  await ev('reject', 'received', 'not_accepted', accepted,
    sql`jsonb_build_object('reason', 'out_of_scope', 'duplicateOf', case when i % 10 = 0 then 'pbench-0' end)`, sql`${k} < 110`)
  await ev('accept', 'received', 'accepted', accepted, sql`'{"note":null}'::jsonb`, sql`${k} >= 110`)
  await ev('case_classified', null, null, sql`${accepted} + interval '1 hour'`, sql`jsonb_build_object('productType', ${types}, 'cause', ${causes})`, sql`${k} >= 110`)
  const listed = sql`(${k} >= 610 and ${k} < 660) or (${k} >= 110 and ${k} < 570 and i % 100 = 0)`
  await ev('declare_uncontactable', 'contacting_developer', 'uncontactable', notified, sql`'{}'::jsonb`, listed)
  await ev('resume_coordination', 'uncontactable', 'developer_notified', sql`${notified} + interval '30 days'`, sql`'{}'::jsonb`, sql`${k} >= 610 and ${k} < 660 and i % 5 = 0`)
  await ev('notify_developer', 'accepted', 'developer_notified', notified, sql`'{}'::jsonb`, sql`${k} >= 110 and not (${listed})`)
  const committee = sql`${k} >= 110 and ${k} < 570 and i % 100 = 0`
  await ev('schedule_publication', 'fix_in_progress', 'publication_scheduled', sql`${ended} - interval '1 day'`,
    sql`jsonb_build_object('publishAt', ${ended}, 'decidedByCommittee', case when ${committee} then true end)`, sql`${k} >= 110 and ${k} < 570`)
  await ev('publish', 'publication_scheduled', 'published', ended, sql`jsonb_build_object('publishAt', ${ended})`, sql`${k} >= 110 and ${k} < 570`)
  await ev('confirm_not_vulnerable', 'investigating', 'not_vulnerable', ended, sql`'{}'::jsonb`, sql`${k} >= 570 and ${k} < 595`)
  await ev('handle_individually', 'developer_notified', 'handled_individually', ended, sql`'{}'::jsonb`, sql`${k} >= 595 and ${k} < 605`)
  await ev('close_low_impact', 'developer_notified', 'closed_low_impact', ended, sql`'{}'::jsonb`, sql`${k} >= 605 and ${k} < 610`)
}

/**
 * One batch of cases [lo, hi): every case's events in order of their stages, so ids follow time
 * within each case as they do in the application. `k` = i * 7919 mod 1000 picks the story:
 * < 24 rejected, < 744 fixed (of those 1 in 7 page deleted, 1 in 230 worked around), < 850 closed
 * by alert, < 910 not vulnerable, < 930 stalled, else still with the operator.
 */
export const loadWebsiteBatch = (prefix: string, count = N) => async (lo: number, hi: number) => {
  const { cases, event: ev, filed } = batch(prefix, 'website', lo, hi, count)
  const k = sql`((i * 7919) % 1000)`
  const notified = sql`(${filed} + interval '3 days')`
  // days to the ending skew short, as in the real programme (about half fixed within a month)
  const ended = sql`(${notified} + (((i * 37) % 400) * ((i * 37) % 400) / 400) * interval '1 day')`
  const types = sql`(array[${sql.join(WEBSITE_TYPES)}])[1 + i % ${WEBSITE_TYPES.length}]`
  const impacts = sql`(array[${sql.join(IMPACTS)}])[1 + i % ${IMPACTS.length}]`
  await cases()
  const classification = sql`jsonb_build_object('kind', 'website', 'vulnerabilityType', ${types}, 'impact', ${impacts})`
  await ev('report_submitted', null, 'received', filed, classification, sql`true`)
  await ev('reject', 'received', 'not_accepted', sql`${filed} + interval '2 days'`, sql`'{"reason":"out_of_scope"}'::jsonb`, sql`${k} < 24`)
  await ev('accept', 'received', 'accepted', sql`${filed} + interval '2 days'`, classification, sql`${k} >= 24`)
  await ev('notify_operator', 'accepted', 'operator_notified', notified,
    sql`jsonb_build_object('notifiedOn', to_char(${notified} at time zone 'Asia/Tokyo', 'YYYY-MM-DD'))`, sql`${k} >= 24`)
  await ev('remind_operator', 'operator_notified', 'operator_notified', sql`${notified} + interval '60 days'`, sql`'{"reminded":1}'::jsonb`, sql`${k} >= 930 or (${k} >= 24 and (i * 37) % 400 > 60)`)
  const fixType = sql`case when i % 230 = 0 then 'workaround' when i % 7 = 0 then 'page_deleted' else 'code_fixed' end`
  await ev('report_fix', 'operator_notified', 'fixed', ended,
    sql`jsonb_build_object('fixType', ${fixType}, 'fixedOn', to_char(${ended} at time zone 'Asia/Tokyo', 'YYYY-MM-DD'))`, sql`${k} >= 24 and ${k} < 744`)
  await ev('close_by_alert', 'operator_notified', 'closed_by_alert', ended, sql`'{"alertId":"bench"}'::jsonb`, sql`${k} >= 744 and ${k} < 850`)
  await ev('close_not_vulnerable', 'operator_notified', 'not_vulnerable', ended, sql`'{}'::jsonb`, sql`${k} >= 850 and ${k} < 910`)
  await ev('close_stalled', 'operator_notified', 'stalled', ended, sql`'{"reason":"operator_unreachable"}'::jsonb`, sql`${k} >= 910 and ${k} < 930`)
}
