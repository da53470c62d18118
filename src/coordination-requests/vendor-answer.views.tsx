import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner } from '../platform/http/forms.js'

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
      <form method="post" action={`/cases/${props.caseId}/vendors/${props.partyId}/answer`} class="stack">
        <Csrf c={c} />
        <ErrorBanner c={c} error={props.error} />
        <label for={id('response')}>{t('coordination.response')}</label>
        <select id={id('response')} name="response" required>
          {(['vulnerable', 'not_vulnerable'] as const).map((r) => <option value={r} selected={v.response === r}>{t(`coordination.response.${r}`)}</option>)}
        </select>
        <label for={id('statementJa')}>{t('coordination_requests.answer.statement_ja')}</label>
        <textarea id={id('statementJa')} name="statementJa" maxlength={20000}>{str(v.statementJa)}</textarea>
        <label for={id('statementEn')}>{t('coordination_requests.answer.statement_en')}</label>
        <textarea id={id('statementEn')} name="statementEn" maxlength={20000}>{str(v.statementEn)}</textarea>
        {vulnerabilities.map((vu) => (
          <>
            <label for={id(`status-${vu.id}`)}>#{vu.position} {lang === 'ja' ? vu.title_ja : vu.title_en}{vu.cve_id ? ` (${vu.cve_id})` : ''}</label>
            <select id={id(`status-${vu.id}`)} name={`status.${vu.id}`}>
              <option value="">{t('coordination_requests.answer.unchanged')}</option>
              {STATUSES.map((s) => <option value={s} selected={v[`status.${vu.id}`] === s}>{t(`vuln.status.${s}`)}</option>)}
            </select>
          </>
        ))}
        <label for={id('source')}>{t('coordination_requests.answer.source')}</label>
        <input id={id('source')} name="source" required maxlength={1000} value={str(v.source)} placeholder={t('coordination_requests.answer.source_hint')} />
        <button type="submit">{t('coordination_requests.answer.save')}</button>
      </form>
    </details>
  )
}
