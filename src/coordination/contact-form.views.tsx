import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field } from '../platform/http/forms.js'

/** An organisation's contacts and the form to add one: developer and critical-infrastructure organisations alike. */
export function ContactsSection(props: { c: Ctx; contacts: { name: string; email: string; phone: string | null }[]; action: string }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <h2>{t('coordination.contacts')}</h2>
      <ul>{props.contacts.map((ct) => <li>{ct.name} &lt;{ct.email}&gt; {ct.phone ?? ''}</li>)}</ul>
      <form method="post" action={props.action} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('coordination.contact_name')} name="name" required><input id="name" name="name" required maxlength={200} /></Field>
        <Field label={t('coordination.contact_email')} name="email" required><input id="email" name="email" type="email" required /></Field>
        <Field label={t('coordination.contact_phone')} name="phone"><input id="phone" name="phone" maxlength={50} /></Field>
        <button type="submit">{t('coordination.add_contact')}</button>
      </form>
    </>
  )
}
