import type { Ctx } from '../platform/http/context.js'
import { Field } from '../platform/http/forms.js'

/** The field where a person chooses a password (registration, invitation, reset), with the rule as its hint. */
export function NewPasswordField(props: { c: Ctx; label: string }) {
  const { t } = props.c.var
  return (
    <Field label={props.label} name="password" hint={t('accounts.password_hint')} required>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength={12} required />
    </Field>
  )
}
