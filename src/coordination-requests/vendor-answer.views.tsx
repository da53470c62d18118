import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'

type Vuln = { id: string; position: number; title_ja: string; title_en: string; cve_id: string | null }
const STATUSES = ['unknown', 'affected', 'not_affected', 'fixed'] as const
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * The coordinator's form to record one vendor's answer (received by e-mail, phone…); the source
 * note is required. Statuses left on "unchanged" are not touched.
 */
export function VendorAnswerForm(props: {
  c: Ctx; caseId: string; partyId: string; vulnerabilities: Vuln[]; values?: Record<string, unknown>; error?: unknown; open?: boolean
}) {
  const { c, vulnerabilities } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const id = (name: string) => `${name}-${props.partyId}`
  return (
    <details open={props.open} data-testid="vendor-answer">
      <summary>{t('coordination_requests.answer.record')}</summary>
      <Form c={c} error={props.error} action={`/cases/${props.caseId}/vendors/${props.partyId}/answer`} class="stack">
        <Csrf c={c} />
        <Field label={t('coordination.response')} name={id('response')} names={['response']} required>
          <select id={id('response')} name="response" required>
            {(['vulnerable', 'not_vulnerable'] as const).map((r) => <option value={r} selected={v.response === r}>{t(`coordination.response.${r}`)}</option>)}
          </select>
        </Field>
        <Field label={t('coordination_requests.answer.statement_ja')} name={id('statementJa')} names={['statement.ja']}>
          <textarea id={id('statementJa')} name="statementJa" maxlength={20000}>{str(v.statementJa)}</textarea>
        </Field>
        <Field label={t('coordination_requests.answer.statement_en')} name={id('statementEn')} names={['statement.en', 'statement']}>
          <textarea id={id('statementEn')} name="statementEn" maxlength={20000}>{str(v.statementEn)}</textarea>
        </Field>
        {vulnerabilities.length > 0 && (
          <Field label={t('cases.section.vulnerabilities')} name={id('statuses')} names={['statuses']} group>
            {vulnerabilities.map((vu) => (
              <>
                <label for={id(`status-${vu.id}`)}>#{vu.position} {lang === 'ja' ? vu.title_ja : vu.title_en}{vu.cve_id ? ` (${vu.cve_id})` : ''}</label>
                <select id={id(`status-${vu.id}`)} name={`status.${vu.id}`}>
                  <option value="">{t('coordination_requests.answer.unchanged')}</option>
                  {STATUSES.map((s) => <option value={s} selected={v[`status.${vu.id}`] === s}>{t(`vuln.status.${s}`)}</option>)}
                </select>
              </>
            ))}
          </Field>
        )}
        <Field label={t('coordination_requests.answer.source')} name={id('source')} names={['source']} required>
          <input id={id('source')} name="source" required maxlength={1000} value={str(v.source)} placeholder={t('coordination_requests.answer.source_hint')} />
        </Field>
        <button type="submit">{t('coordination_requests.answer.save')}</button>
      </Form>
    </details>
  )
}
