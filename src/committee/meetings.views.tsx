import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime, tokyoDate } from '../platform/i18n/index.js'
import type { listMeetings, loadMeeting } from './committee.queries.js'

type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number]
type Member = { id: string; name: string }
type OpenReferral = { id: string; title: string }

/** The meetings, newest first; coordinators (the secretariat) also get the form to record one. */
export function MeetingsPage(props: { c: Ctx; meetings: MeetingRow[]; canRecord: boolean; members: Member[]; referrals: OpenReferral[]; only?: OpenReferral | null; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
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
            <label>{t('committee.held_on')}<input type="date" name="heldOn" required value={tokyoDate(c.var.deps.clock.now())} /></label>
            <fieldset>
              <legend>{t('committee.attendees')}</legend>
              {props.members.map((m) => <label><input type="checkbox" name="attendeeIds" value={m.id} /> {m.name}</label>)}
            </fieldset>
            <div class="field">
              <label for="chairId">{t('committee.chair')}</label>
              <select id="chairId" name="chairId" required>{props.members.map((m) => <option value={m.id}>{m.name}</option>)}</select>
            </div>
            <fieldset>
              <legend>{t('committee.referrals_discussed')}</legend>
              {props.referrals.length === 0 && <p class="meta">{t('committee.no_referrals')}</p>}
              {props.referrals.map((r) => <label><input type="checkbox" name="referralIds" value={r.id} checked={props.only?.id === r.id} /> {r.title}</label>)}
            </fieldset>
            <label>{t('committee.notes')}<textarea name="notes" maxlength={50000}></textarea></label>
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
