import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'

/**
 * An organisation's contacts and the form to add one: developer and critical-infrastructure
 * organisations alike. After a refused submission: its `error` beside the fields, the `values` kept.
 */
export function ContactsSection(props: { c: Ctx; contacts: { name: string; email: string; phone: string | null }[]; action: string; error?: unknown; values?: Record<string, unknown> }) {
  const { c } = props
  const { t } = c.var
  const v = (k: string) => String(props.values?.[k] ?? '')
  return (
    <>
      <h2>{t('coordination.contacts')}</h2>
      <ul>{props.contacts.map((ct) => <li>{ct.name} &lt;{ct.email}&gt; {ct.phone ?? ''}</li>)}</ul>
      <Form c={c} error={props.error} action={props.action} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('coordination.contact_name')} name="name" required><input id="name" name="name" required maxlength={200} value={v('name')} /></Field>
        <Field label={t('coordination.contact_email')} name="email" required><input id="email" name="email" type="email" required value={v('email')} /></Field>
        <Field label={t('coordination.contact_phone')} name="phone"><input id="phone" name="phone" maxlength={50} value={v('phone')} /></Field>
        <button type="submit">{t('coordination.add_contact')}</button>
      </Form>
    </>
  )
}
