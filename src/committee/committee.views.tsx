import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { isUrgent, type listReferrals } from './referrals.repository.js'
import type { ReferralView } from './committee.queries.js'
import { DecisionForm, type DecisionDefaults } from './decision-form.views.js'

type ReferralRow = Awaited<ReturnType<typeof listReferrals>>[number]

/** The committee's home: every referral (members see only referred cases, here and nowhere else). */
export function ReferralList(props: { c: Ctx; referrals: ReferralRow[] }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/committee/meetings">{t('committee.meetings_title')}</a></p>
      {props.referrals.length === 0 ? <p>{t('committee.no_referrals')}</p> : (
        <table data-testid="committee-referrals">
          <thead><tr><th>{t('committee.col_case')}</th><th>{t('committee.col_reason')}</th><th>{t('committee.col_referred')}</th><th>{t('common.status')}</th></tr></thead>
          <tbody>{props.referrals.map((r) => (
            <tr data-referral={r.id} data-urgent={String(isUrgent(r))}>
              <td>{isUrgent(r) && <><UrgentBadge c={props.c} />{' '}</>}<a href={`/committee/referrals/${r.id}`}>{r.title}</a></td>
              <td>{t(`committee.reason.${r.reason}`)}</td>
              <td>{formatDate(r.referred_at, lang)}</td>
              <td><span class="status" data-status={r.status}>{t(`committee.status.${r.status}`)}</span></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

/** After a refused submission: the error, and — when it came from one of the page's forms — which, with what was entered. */
export type ReferralPageState = { error?: unknown; decision?: DecisionDefaults; form?: ReferralForm; values?: Record<string, unknown> }
export type ReferralForm = 'urgency' | 'cancel_urgency' | 'vote' | 'recusal' | 'decision'

/** The error and values for one of the page's forms, if the refused submission was that form's. */
const stateOf = (state: ReferralPageState | undefined, form: ReferralForm) =>
  (state?.form === form ? { error: state.error, values: state.values ?? {} } : { error: undefined, values: {} as Record<string, unknown> })
const str = (v: unknown) => (typeof v === 'string' ? v : '')

const UrgentBadge = (props: { c: Ctx }) => <span class="status" data-status="urgent" data-testid="urgent-badge">{props.c.var.t('committee.urgent')}</span>

/** The secretariat's urgency forms: mark urgent with a reason, or cancel it with a reason; and the meeting for this referral alone. */
function UrgencyForms(props: { c: Ctx; view: ReferralView; state?: ReferralPageState }) {
  const { c, view } = props
  const { t } = c.var
  const id = view.referral.id
  if (!view.urgent) {
    const mine = stateOf(props.state, 'urgency')
    return (
      <Form c={c} error={mine.error} action={`/committee/referrals/${id}/urgency`} class="stack" data-testid="mark-urgent">
        <Csrf c={c} />
        <h2>{t('committee.mark_urgent_heading')}</h2>
        <p class="meta">{t('committee.mark_urgent_intro')}</p>
        <Field label={t('committee.urgency_reason')} name="urgency-reason" names={['reason']} required>
          <textarea id="urgency-reason" name="reason" required maxlength={2000}>{str(mine.values.reason)}</textarea>
        </Field>
        <button type="submit" class="danger">{t('committee.mark_urgent')}</button>
      </Form>
    )
  }
  const cancel = stateOf(props.state, 'cancel_urgency')
  return (
    <>
      <p><a href={`/committee/meetings?referral=${id}#record-meeting`} data-testid="convene-for-referral">{t('committee.convene_for_referral')}</a></p>
      <Form c={c} error={cancel.error} action={`/committee/referrals/${id}/urgency/cancellation`} class="stack" data-testid="cancel-urgency">
        <Csrf c={c} />
        <h2>{t('committee.cancel_urgency_heading')}</h2>
        <p class="meta">{t('committee.cancel_urgency_intro')}</p>
        <Field label={t('committee.cancel_urgency_reason')} name="cancel-urgency-reason" names={['reason']} required>
          <textarea id="cancel-urgency-reason" name="reason" required maxlength={2000}>{str(cancel.values.reason)}</textarea>
        </Field>
        <button type="submit" class="secondary">{t('committee.cancel_urgency')}</button>
      </Form>
    </>
  )
}

/** One referral: what a member needs to judge, the deliberation, and the forms the viewer may use. */
export function ReferralPage(props: { c: Ctx; view: ReferralView; canVote: boolean; canDecide: boolean; canMarkUrgent: boolean; decisionDefaults: DecisionDefaults; state: ReferralPageState }) {
  const { c, view } = props
  const { t, lang } = c.var
  const r = view.referral
  const active = r.status === 'open' || r.status === 'keep_waiting'
  const vote = stateOf(props.state, 'vote')
  const recusal = stateOf(props.state, 'recusal')
  return (
    <>
      <dl class="facts">
        <dt>{t('committee.col_reason')}</dt><dd>{t(`committee.reason.${r.reason}`)}</dd>
        <dt>{t('committee.col_referred')}</dt><dd>{formatDateTime(r.referred_at, lang)}</dd>
        <dt>{t('common.status')}</dt><dd><span class="status" data-status={r.status}>{t(`committee.status.${r.status}`)}</span></dd>
        {r.note && view.summary && <><dt>{t('committee.note')}</dt><dd class="pre">{r.note}</dd></>}
        {r.close_reason && <><dt>{t('committee.close_reason')}</dt><dd>{r.close_reason}</dd></>}
        {view.urgent && <>
          <dt>{t('committee.urgent_since')}</dt><dd><UrgentBadge c={c} /> {formatDateTime(r.urgent_since!, lang)}</dd>
          {view.urgentDue && <><dt>{t('committee.urgent_due')}</dt><dd data-testid="urgent-due">{formatDate(view.urgentDue, lang)}</dd></>}
          {view.summary && r.urgency_reason && <><dt>{t('committee.urgency_reason')}</dt><dd class="pre">{r.urgency_reason}</dd></>}
        </>}
      </dl>
      {!props.state.form && <ErrorBanner c={c} error={props.state.error} />}
      {active && props.canMarkUrgent && <UrgencyForms c={c} view={view} state={props.state} />}
      {view.recused && (
        <p class="notice" data-testid="recused">{t('committee.you_recused', { reason: view.ownRecusal?.reason ?? '' })}</p>
      )}
      {view.summary && <CaseSummary c={c} summary={view.summary} />}
      {view.deliberation && <Deliberation c={c} d={view.deliberation} />}
      {active && props.canVote && (
        <section>
          <h2>{t('committee.your_vote')}</h2>
          <Form c={c} error={vote.error} action={`/committee/referrals/${r.id}/votes`} class="stack">
            <Csrf c={c} />
            <Field label={t('committee.vote_question')} name="vote" group required>
              <label><input type="radio" name="vote" value="publish" required checked={vote.values.vote === 'publish'} /> {t('committee.vote.publish')}</label>
              <label><input type="radio" name="vote" value="keep_waiting" checked={vote.values.vote === 'keep_waiting'} /> {t('committee.vote.keep_waiting')}</label>
            </Field>
            {(view.deliberation?.meetings.length ?? 0) > 0 && (
              <Field label={t('committee.meeting')} name="vote-meeting" names={['meetingId']}>
                <select id="vote-meeting" name="meetingId"><option value="">{t('committee.no_meeting')}</option>
                  {view.deliberation!.meetings.map((m) => <option value={m.id} selected={vote.values.meetingId === m.id}>{formatDate(m.held_on, lang)}</option>)}</select>
              </Field>
            )}
            <Field label={t('committee.comment')} name="vote-comment" names={['comment']}>
              <textarea id="vote-comment" name="comment" maxlength={5000}>{str(vote.values.comment)}</textarea>
            </Field>
            <button type="submit">{t('committee.vote_submit')}</button>
          </Form>
          <Form c={c} error={recusal.error} action={`/committee/referrals/${r.id}/recusal`} class="stack">
            <Csrf c={c} />
            <h3>{t('committee.recuse_heading')}</h3>
            <Field label={t('committee.recuse_reason')} name="recusal-reason" names={['reason']} required>
              <textarea id="recusal-reason" name="reason" required maxlength={2000}>{str(recusal.values.reason)}</textarea>
            </Field>
            <button type="submit" class="secondary">{t('committee.recuse')}</button>
          </Form>
        </section>
      )}
      {active && props.canDecide && view.summary && (
        <DecisionForm c={c} referralId={r.id} meetings={view.deliberation?.meetings ?? []} chairOf={view.chairOf}
          hasDraft={Boolean(view.summary.advisory)} caseId={r.case_id} coordinator={view.coordinator} defaults={props.state.decision ?? props.decisionDefaults}
          error={stateOf(props.state, 'decision').error} />
      )}
    </>
  )
}

function CaseSummary(props: { c: Ctx; summary: NonNullable<ReferralView['summary']> }) {
  const { t, lang } = props.c.var
  const s = props.summary
  return (
    <section data-testid="referral-summary">
      <h2>{t('committee.product')}</h2>
      {s.reports.map((r) => (
        <div class="card">
          <dl class="facts">
            <dt>{t('intake.product_name')}</dt><dd>{r.productName}</dd>
            <dt>{t('intake.product_version')}</dt><dd>{r.productVersion}</dd>
            <dt>{t('cases.receipt')}</dt><dd>{r.receiptNumber}</dd>
          </dl>
          <h3>{t('committee.vulnerability_summary')}</h3><div class="pre">{r.description}</div>
          <h3>{t('intake.impact')}</h3><div class="pre">{r.impact}</div>
        </div>
      ))}
      {s.vulnerabilities.length > 0 && (
        <table>
          <thead><tr><th>{t('advisories.vulnerability_title')}</th><th>CVE</th><th>CWE</th><th>CVSS v3.1</th></tr></thead>
          <tbody>{s.vulnerabilities.map((v) => <tr><td>{lang === 'ja' ? v.title_ja : v.title_en}</td><td>{v.cve_id ?? ''}</td><td>{v.cwe_id ?? ''}</td><td>{v.cvss31_score ?? ''}</td></tr>)}</tbody>
        </table>
      )}
      <h2>{t('committee.developers')}</h2>
      {s.developers.map((d) => {
        const attempts = s.attempts.filter((a) => a.party_id === d.id)
        const listing = s.listings.find((l) => l.party_id === d.id)
        return (
          <div class="card" data-developer={d.id}>
            <h3>{lang === 'ja' ? d.name_ja : d.name_en}</h3>
            <dl class="facts">
              <dt>{t('common.status')}</dt><dd>{t(`party.status.${d.status}`)}</dd>
              {d.website && <><dt>{t('committee.website')}</dt><dd>{d.website}</dd></>}
              {d.notified_at && <><dt>{t('coordination.notified_at')}</dt><dd>{formatDateTime(d.notified_at, lang)}</dd></>}
              {listing && <><dt>{t('uncontactable.col_listed')}</dt><dd>{formatDate(listing.listed_at, lang)}</dd></>}
            </dl>
            <h4>{t('committee.contact_history')}</h4>
            {attempts.length === 0 ? <p class="meta">{t('common.none')}</p> : (
              <table><thead><tr><th>{t('coordination.attempt_date')}</th><th>{t('coordination.channel')}</th><th>{t('coordination.address')}</th><th>{t('coordination.result')}</th></tr></thead>
                <tbody>{attempts.map((a) => <tr><td>{formatDate(a.attempted_at, lang)}</td><td>{t(`coordination.channel.${a.channel}`)}</td><td>{a.address}</td><td>{t(`coordination.result.${a.result}`)}</td></tr>)}</tbody></table>
            )}
          </div>
        )
      })}
      {s.advisory && (
        <>
          <h2>{t('committee.advisory_draft')}</h2>
          <p>{lang === 'ja' ? s.advisory.title.ja : s.advisory.title.en}{s.advisory.identifier && <> ({s.advisory.identifier}, {t(`advisories.status.${s.advisory.status}`)})</>}</p>
          <div class="pre">{lang === 'ja' ? s.advisory.overview.ja : s.advisory.overview.en}</div>
        </>
      )}
    </section>
  )
}

function Deliberation(props: { c: Ctx; d: NonNullable<ReferralView['deliberation']> }) {
  const { t, lang } = props.c.var
  const d = props.d
  return (
    <section data-testid="deliberation">
      <h2>{t('committee.deliberation')}</h2>
      {d.meetings.length > 0 && <p>{t('committee.discussed_at')} {d.meetings.map((m) => <><a href={`/committee/meetings/${m.id}`}>{formatDate(m.held_on, lang)}</a>{' '}</>)}</p>}
      <h3>{t('committee.votes')}</h3>
      {d.votes.length === 0 ? <p class="meta">{t('committee.no_votes_yet')}</p> : (
        <table data-testid="votes"><thead><tr><th>{t('committee.member')}</th><th>{t('committee.vote')}</th><th>{t('committee.comment')}</th><th>{t('committee.cast_at')}</th></tr></thead>
          <tbody>{d.votes.map((v) => <tr data-vote={v.vote}><td>{v.member}</td><td>{t(`committee.vote.${v.vote}`)}</td><td class="pre">{v.comment}</td><td>{formatDateTime(v.cast_at, lang)}</td></tr>)}</tbody></table>
      )}
      {d.recusals.length > 0 && (
        <>
          <h3>{t('committee.recusals')}</h3>
          <ul>{d.recusals.map((r) => <li data-recusal>{r.member}: {r.reason} <span class="meta">({formatDateTime(r.recused_at, lang)})</span></li>)}</ul>
        </>
      )}
      {d.decisions.length > 0 && (
        <>
          <h3>{t('committee.decisions')}</h3>
          <ul>{d.decisions.map((x) => (
            <li data-decision={x.decision}><strong>{t(`committee.decision.${x.decision}`)}</strong> — {x.decidedBy}, {formatDateTime(x.decided_at, lang)}
              {x.publish_at && <> · {t('committee.publish_at')}: {formatDateTime(x.publish_at, lang)}</>}
              <div class="pre">{x.reasons}</div></li>
          ))}</ul>
        </>
      )}
    </section>
  )
}
