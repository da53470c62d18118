import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The coordinators' form on the request's case section: a new agreed publication time and the reason. */
export function AgreedDateForm(props: { c: Ctx; caseId: string; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  const v = props.values ?? {}
  return (
    <details open={Boolean(props.error)} data-testid="agreed-date">
      <summary>{t('coordination_requests.agreed_date.change')}</summary>
      <Form c={c} error={props.error} action={`/cases/${props.caseId}/coordination-request/agreed-date`} class="stack">
        <Csrf c={c} />
        <Field label={t('coordination_requests.agreed_publication')} name="agreedPublicationAt" hint={t('coordination_requests.agreed_publication_hint')} required>
          <input id="agreedPublicationAt" name="agreedPublicationAt" type="datetime-local" required value={str(v.agreedPublicationAt)} />
        </Field>
        <Field label={t('coordination_requests.agreed_date.reason')} name="reason" required>
          <textarea id="reason" name="reason" required maxlength={2000}>{str(v.reason)}</textarea>
        </Field>
        <button type="submit">{t('coordination_requests.agreed_date.save')}</button>
      </Form>
    </details>
  )
}
