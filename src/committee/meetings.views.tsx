import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime, tokyoDate } from '../platform/i18n/index.js'
import type { listMeetings, loadMeeting } from './committee.queries.js'

type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number]
type Member = { id: string; name: string }
type OpenReferral = { id: string; title: string }

/** The meetings, newest first; coordinators (the secretariat) also get the form to record one. */
export function MeetingsPage(props: { c: Ctx; meetings: MeetingRow[]; canRecord: boolean; members: Member[]; referrals: OpenReferral[]; only?: OpenReferral | null; error?: unknown
  /** A refused meeting record's values, kept. */
  values?: Record<string, unknown> }) {
  const { c, values } = props
  const { t, lang } = c.var
  const list = (k: string) => new Set([values?.[k] ?? []].flat().map(String))
  const attendees = list('attendeeIds')
  const discussed = list('referralIds')
  return (
    <>
      <p><a href="/committee">{t('committee.referrals_title')}</a></p>
      {props.meetings.length === 0 ? <p>{t('committee.no_meetings')}</p> : (
        <table data-testid="meetings">
          <thead><tr><th>{t('committee.held_on')}</th><th>{t('committee.chair')}</th><th>{t('committee.referrals_discussed')}</th></tr></thead>
          <tbody>{props.meetings.map((m) => (
            <tr><td><a href={`/committee/meetings/${m.id}`}>{formatDate(m.held_on, lang)}</a></td><td>{m.chair}</td><td>{m.referrals}</td></tr>
          ))}</tbody>
        </table>
      )}
      {props.canRecord && (
        <section id="record-meeting">
          <h2>{t('committee.record_meeting')}</h2>
          {props.only && <p class="notice" data-testid="meeting-for-referral">{t('committee.meeting_for_referral', { title: props.only.title })}</p>}
          <Form c={c} error={props.error} action="/committee/meetings" class="stack">
            <Csrf c={c} />
            <Field label={t('committee.held_on')} name="heldOn" required>
              <input id="heldOn" type="date" name="heldOn" required value={values ? String(values.heldOn ?? '') : tokyoDate(c.var.deps.clock.now())} />
            </Field>
            <Field label={t('committee.attendees')} name="attendeeIds" group required>
              {props.members.map((m) => <label><input type="checkbox" name="attendeeIds" value={m.id} checked={attendees.has(m.id)} /> {m.name}</label>)}
            </Field>
            <Field label={t('committee.chair')} name="chairId">
              <select id="chairId" name="chairId" required>{props.members.map((m) => <option value={m.id} selected={values?.chairId === m.id}>{m.name}</option>)}</select>
            </Field>
            <Field label={t('committee.referrals_discussed')} name="referralIds" group>
              {props.referrals.length === 0 && <p class="meta">{t('committee.no_referrals')}</p>}
              {props.referrals.map((r) => <label><input type="checkbox" name="referralIds" value={r.id} checked={values ? discussed.has(r.id) : props.only?.id === r.id} /> {r.title}</label>)}
            </Field>
            <Field label={t('committee.notes')} name="notes">
              <textarea id="notes" name="notes" maxlength={50000}>{String(values?.notes ?? '')}</textarea>
            </Field>
            <button type="submit">{t('committee.record_meeting')}</button>
          </Form>
        </section>
      )}
    </>
  )
}

/** One meeting record. */
export function MeetingPage(props: { c: Ctx; m: Awaited<ReturnType<typeof loadMeeting>> }) {
  const { t, lang } = props.c.var
  const { meeting, attendees, referrals } = props.m
  return (
    <>
      <dl class="facts">
        <dt>{t('committee.held_on')}</dt><dd>{formatDate(meeting.held_on, lang)}</dd>
        <dt>{t('committee.chair')}</dt><dd>{meeting.chair}</dd>
        <dt>{t('committee.attendees')}</dt><dd>{attendees.map((a) => a.name).join(lang === 'ja' ? '、' : ', ')}</dd>
        <dt>{t('committee.recorded_at')}</dt><dd>{formatDateTime(meeting.recorded_at, lang)}</dd>
      </dl>
      <h2>{t('committee.referrals_discussed')}</h2>
      <ul>{referrals.map((r) => <li><a href={`/committee/referrals/${r.id}`}>{r.title}</a> — {t(`committee.reason.${r.reason}`)} ({t(`committee.status.${r.status}`)})</li>)}</ul>
      <h2>{t('committee.notes')}</h2>
      <div class="pre">{meeting.notes || t('common.none')}</div>
      <p><a href="/committee/meetings">{t('committee.meetings_title')}</a></p>
    </>
  )
}
