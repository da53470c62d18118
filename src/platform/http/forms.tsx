import type { Child } from 'hono/jsx'
import type { Ctx } from './context.js'
import { AppError } from '../errors.js'

/** The plain values of an error's details (`{ minutes: 4 }`), for its translated message's placeholders. */
export function errorParams(error: AppError): Record<string, string> {
  const details = error.details
  if (!details || typeof details !== 'object') return {}
  return Object.fromEntries(Object.entries(details).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]))
}

/** A translated error banner for a failed form submission. */
export function ErrorBanner(props: { c: Ctx; error: unknown }) {
  if (!props.error) return null
  const { t } = props.c.var
  const code = props.error instanceof AppError ? props.error.code : 'internal'
  const fields = props.error instanceof AppError ? (props.error.details as { fields?: Record<string, string> } | undefined)?.fields : undefined
  return (
    <div class="error" role="alert">
      <p>{t(`error.${code}`, props.error instanceof AppError ? errorParams(props.error) : {})}</p>
      {fields && (
        <ul>
          {Object.entries(fields).map(([field, message]) => <li><code>{field}</code>: {message}</li>)}
        </ul>
      )}
    </div>
  )
}

/** A labelled form field. */
export function Field(props: { label: string; name: string; hint?: string; required?: boolean; children: Child }) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}{props.required && <span class="req" aria-hidden="true"> *</span>}</label>
      {props.children}
      {props.hint && <small class="hint">{props.hint}</small>}
    </div>
  )
}
