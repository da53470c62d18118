import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, translator } from '../platform/i18n/index.js'
import type { ReferralView } from './committee.queries.js'

/** The decision form's values as strings, keyed by field name (the advisory fields as the advisory editor names them). */
export type DecisionDefaults = Record<string, string>

const TEXT_FIELDS = ['title', 'overview', 'description', 'impact', 'solution'] as const

/**
 * A first draft of the advisory the committee publishes without the developer (連絡不能公表 /
 * 調整不能公表): it names the product and developer and tells users to stop using the product
 * (利用中止). Description and impact are left for the coordinator to write.
 */
export function decisionDefaults(view: ReferralView): DecisionDefaults {
  const s = view.summary
  if (!s) return {}
  const ja = translator('ja')
  const en = translator('en')
  const report = s.reports[0]
  const dev = s.developers[0]
  const params = (lang: 'ja' | 'en') => ({ product: report?.productName ?? '', developer: dev ? (lang === 'ja' ? dev.name_ja : dev.name_en) : '' })
  const reason = view.referral.reason
  return {
    decision: '', reasons: '', meetingId: view.chairOf[0] ?? '', publishAt: '',
    title_ja: ja('committee.template.title', params('ja')), title_en: en('committee.template.title', params('en')),
    overview_ja: ja(`committee.template.overview.${reason}`, params('ja')), overview_en: en(`committee.template.overview.${reason}`, params('en')),
    description_ja: '', description_en: '', impact_ja: '', impact_en: '',
    solution_ja: ja('committee.template.solution'), solution_en: en('committee.template.solution'),
    v_title_ja: '', v_title_en: '', v_cwe: '',
    p_developer: dev?.name_ja ?? '', p_product: report?.productName ?? '', p_versions: report?.productVersion ?? '',
  }
}

/** Decision (publish / keep waiting) with reasons; for "publish", the time and — if none is drafted yet — the advisory. */
export function DecisionForm(props: {
  c: Ctx; referralId: string; caseId: string; meetings: { id: string; held_on: string }[]; chairOf: string[]
  hasDraft: boolean; coordinator: boolean; defaults: DecisionDefaults
  /** A refused decision: each problem beside its field (the values come back as `defaults`). */
  error?: unknown
}) {
  const { c, defaults: v } = props
  const { t, lang } = c.var
  // The chair decides for a meeting they chaired; the secretariat may name any meeting, or none.
  const meetings = props.coordinator ? props.meetings : props.meetings.filter((m) => props.chairOf.includes(m.id))
  return (
    <section data-testid="decision">
      <h2>{t('committee.decision_heading')}</h2>
      <p class="meta">{t('committee.decision_intro')}</p>
      <Form c={c} error={props.error} action={`/committee/referrals/${props.referralId}/decision`} class="stack">
        <Csrf c={c} />
        <Field label={t('committee.decision_question')} name="decision" group required>
          <label><input type="radio" name="decision" value="publish" required checked={v.decision === 'publish'} /> {t('committee.decision.publish')}</label>
          <label><input type="radio" name="decision" value="keep_waiting" checked={v.decision === 'keep_waiting'} /> {t('committee.decision.keep_waiting')}</label>
        </Field>
        <Field label={t('committee.meeting')} name="decision-meeting" names={['meetingId']}>
          <select id="decision-meeting" name="meetingId">
            {props.coordinator && <option value="">{t('committee.no_meeting')}</option>}
            {meetings.map((m) => <option value={m.id} selected={v.meetingId === m.id}>{formatDate(m.held_on, lang)}</option>)}
          </select>
        </Field>
        <Field label={t('committee.reasons')} name="decision-reasons" names={['reasons']} required>
          <textarea id="decision-reasons" name="reasons" required maxlength={20000}>{v.reasons ?? ''}</textarea>
        </Field>
        <fieldset>
          <legend>{t('committee.publication')}</legend>
          <p class="meta">{t('committee.publication_hint')}</p>
          <Field label={t('committee.publish_at')} name="decision-publish-at" names={['publishAt']}>
            <input id="decision-publish-at" type="datetime-local" name="publishAt" value={v.publishAt ?? ''} />
          </Field>
          {props.hasDraft ? (
            <p>{t('committee.draft_exists')}{props.coordinator && <> <a href={`/cases/${props.caseId}/advisory`}>{t('cases.advisory_edit')}</a></>}</p>
          ) : (
            <>
              <input type="hidden" name="with_advisory" value="1" />
              {/* The draft's errors name the advisory's fields (`title.ja` or `titleJa`, `vulnerabilities.0.cweId`, `affectedProducts.0.product.ja`). */}
              {TEXT_FIELDS.map((f) => (
                <>
                  <Field label={t('committee.field_ja', { field: t(`advisories.${f}`) })} name={`${f}_ja`} names={[`${f}.ja`, `${f}Ja`, `${f}_ja`]}>
                    <textarea id={`${f}_ja`} name={`${f}_ja`} maxlength={50000}>{v[`${f}_ja`] ?? ''}</textarea>
                  </Field>
                  <Field label={t('committee.field_en', { field: t(`advisories.${f}`) })} name={`${f}_en`} names={[`${f}.en`, `${f}En`, `${f}_en`, f]}>
                    <textarea id={`${f}_en`} name={`${f}_en`} maxlength={50000}>{v[`${f}_en`] ?? ''}</textarea>
                  </Field>
                </>
              ))}
              <Field label={t('committee.field_ja', { field: t('advisories.vulnerability_title') })} name="v_title_ja" names={['vulnerabilities.0.titleJa', 'vulnerabilities.0.title.ja']}>
                <input id="v_title_ja" name="v_title_ja" maxlength={300} value={v.v_title_ja ?? ''} />
              </Field>
              <Field label={t('committee.field_en', { field: t('advisories.vulnerability_title') })} name="v_title_en" names={['vulnerabilities.0.titleEn', 'vulnerabilities.0.title.en']}>
                <input id="v_title_en" name="v_title_en" maxlength={300} value={v.v_title_en ?? ''} />
              </Field>
              <Field label="CWE" name="v_cwe" names={['vulnerabilities']}>
                <input id="v_cwe" name="v_cwe" maxlength={20} placeholder="CWE-79" value={v.v_cwe ?? ''} />
              </Field>
              <Field label={t('advisories.developer')} name="p_developer" names={['affectedProducts.0.developer']}>
                <input id="p_developer" name="p_developer" maxlength={200} value={v.p_developer ?? ''} />
              </Field>
              <Field label={t('advisories.product')} name="p_product" names={['affectedProducts.0.product']}>
                <input id="p_product" name="p_product" maxlength={200} value={v.p_product ?? ''} />
              </Field>
              <Field label={t('advisories.versions')} name="p_versions" names={['affectedProducts']}>
                <input id="p_versions" name="p_versions" maxlength={1000} value={v.p_versions ?? ''} />
              </Field>
            </>
          )}
        </fieldset>
        <button type="submit">{t('committee.decide')}</button>
      </Form>
    </section>
  )
}
