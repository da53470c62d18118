import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { loadPolicy, partyProgress, type PolicyProgress } from './contact-policy.js'
import { detailsPublicAt, listCaseListings, loadDetailsRule } from './listings.repository.js'
import { listCaseTipsWithHandling } from './tip-handling.js'
import { TipList } from './tip-handling.views.js'
import { uncontactablePolicies } from './uncontactable.policies.js'

/** Case states in which a developer can still be declared uncontactable. */
const DECLARABLE = ['contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress', 'uncontactable', 'committee_review', 'publication_scheduled']

/**
 * For coordinators: the contact-attempt policy and how far each developer is towards it (the
 * declaration is offered only once it is met), the case's listings with their history, the
 * public's tips, and resumption (調整再開).
 */
export async function UncontactableCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user, deps } = c.var
  if (view.viewer !== 'staff' || view.kase.kind !== 'product' || !uncontactablePolicies.declareUncontactable(user, view.relation)) return null
  const now = deps.clock.now()
  const policy = await loadPolicy(deps.db)
  const rule = await loadDetailsRule(deps.db)
  const listings = await listCaseListings(deps.db, view.kase.id)
  const tips = await listCaseTipsWithHandling(deps.db, view.kase.id)
  const openTips = tips.filter((tip) => !tip.handling).length
  const status = view.kase.status
  const open = view.parties.filter((p) => p.status !== 'uncontactable')
  const progress = new Map<string, PolicyProgress>()
  for (const p of open) progress.set(p.id, await partyProgress(deps.db, { caseId: view.kase.id, partyId: p.id, now, policy }))
  const live = listings.filter((l) => !l.ended_at)
  const resumable = status === 'uncontactable' || status === 'committee_review' || live.length > 0
  const name = (partyId: string) => {
    const p = view.parties.find((x) => x.id === partyId)
    return p ? (lang === 'ja' ? p.name_ja : p.name_en) : ''
  }
  return (
    <section data-testid="uncontactable-section">
      <h2>{t('uncontactable.section_title')}</h2>
      {openTips > 0 && <p class="notice" data-open-tips-summary={String(openTips)}><a href="#uncontactable-tips">{t('uncontactable.tips_open_notice', { n: openTips })}</a></p>}
      <p class="meta">{t('uncontactable.policy_summary', {
        channels: policy.requiredChannels.map((ch) => t(`coordination.channel.${ch}`)).join(lang === 'ja' ? '・' : ', ') || t('common.none'),
        attempts: policy.minAttempts, days: policy.minSpanBusinessDays,
      })}</p>
      {DECLARABLE.includes(status) && open.map((p) => {
        const pr = progress.get(p.id)!
        return (
          <div class="card" data-policy-party={p.id} data-policy-met={String(pr.met)}>
            <h3>{name(p.id)}</h3>
            <dl class="facts">
              <dt>{t('uncontactable.progress_attempts')}</dt><dd>{t('uncontactable.progress_of', { n: pr.attempts, min: pr.minAttempts })}</dd>
              <dt>{t('uncontactable.progress_channels')}</dt><dd>{pr.channelsTried.map((ch) => t(`coordination.channel.${ch}`)).join(', ') || t('common.none')}</dd>
              {pr.missingChannels.length > 0 && <><dt>{t('uncontactable.progress_missing')}</dt><dd>{pr.missingChannels.map((ch) => t(`coordination.channel.${ch}`)).join(', ')}</dd></>}
              <dt>{t('uncontactable.progress_span')}</dt><dd>{t('uncontactable.progress_of', { n: pr.businessDaysElapsed, min: pr.minSpanBusinessDays })}</dd>
              {pr.earliestOn && <><dt>{t('uncontactable.progress_earliest')}</dt><dd>{formatDate(pr.earliestOn, lang)}</dd></>}
            </dl>
            {pr.met ? (
              <form method="post" action={`/cases/${view.kase.id}/parties/${p.id}/uncontactable`} class="stack">
                <Csrf c={c} />
                <label>{t('uncontactable.declare_reason')}<textarea name="reason" required maxlength={2000}></textarea></label>
                <button type="submit" class="danger">{t('uncontactable.declare')}</button>
              </form>
            ) : <p class="meta">{t('uncontactable.policy_not_met_yet')}</p>}
          </div>
        )
      })}
      {listings.length > 0 && (
        <>
          <h3>{t('uncontactable.listings')}</h3>
          <table>
            <thead><tr><th>{t('uncontactable.col_developer')}</th><th>{t('uncontactable.col_listed')}</th><th>{t('uncontactable.details_from')}</th><th>{t('uncontactable.ended')}</th></tr></thead>
            <tbody>{listings.map((l) => (
              <tr data-listing={l.id}>
                <td>{lang === 'ja' ? l.developer_name_ja : l.developer_name_en}{!l.ended_at && <> (<a href={`/uncontactable/${l.id}`}>{t('uncontactable.public_page')}</a>)</>}</td>
                <td>{formatDateTime(l.listed_at, lang)}</td>
                <td>{l.details_recorded_at ? formatDateTime(l.details_recorded_at, lang) : formatDateTime(detailsPublicAt(l.listed_at, rule), lang)}</td>
                <td>{l.ended_at ? <>{formatDateTime(l.ended_at, lang)}: {l.ended_by_advisory_id ? t('uncontactable.published_by_committee') : l.end_reason}</> : t('uncontactable.live')}</td>
              </tr>
            ))}</tbody>
          </table>
        </>
      )}
      {resumable && (
        <form method="post" action={`/cases/${view.kase.id}/resumption`} class="stack">
          <Csrf c={c} />
          <h3>{t('uncontactable.resume_heading')}</h3>
          {live.length > 0 && (
            <div class="field">
              <label for="resume-party">{t('uncontactable.resume_party')}</label>
              <select id="resume-party" name="partyId">
                <option value="">{t('uncontactable.resume_all')}</option>
                {live.map((l) => <option value={l.party_id}>{name(l.party_id)}</option>)}
              </select>
            </div>
          )}
          <label>{t('uncontactable.resume_reason')}<textarea name="reason" required maxlength={2000}></textarea></label>
          <button type="submit">{t('uncontactable.resume')}</button>
        </form>
      )}
      {tips.length > 0 && <div id="uncontactable-tips"><TipList c={c} tips={tips} /></div>}
    </section>
  )
}
