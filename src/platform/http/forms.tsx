import { createContext, useContext, type Child, type JSX } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Ctx } from './context.js'
import { AppError } from '../errors.js'
import { translatedFields } from './field-messages.js'

/** The plain values of an error's details (`{ minutes: 4 }`), for its translated message's placeholders. */
export function errorParams(error: AppError): Record<string, string> {
  const details = error.details
  if (!details || typeof details !== 'object') return {}
  return Object.fromEntries(Object.entries(details).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]))
}

/** The failed submission's field problems, in the page's language (`{ productName: '必須項目です。' }`). */
export function fieldMessages(c: Ctx, error: unknown): Record<string, string> {
  return translatedFields(c.var.t, c.var.lang, error)
}

/**
 * The error of a submission refused for what was entered (400 or 422 with a stable code), for the
 * route to re-render its form with the values kept: `catch (e) { return show({ error: refusedInput(e) }) }`.
 * Anything else (not found, forbidden, a conflict, a bug) is thrown on to the error page.
 */
export function refusedInput(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 400 || error.status === 422)) return error
  throw error
}

/** The error's own message in the page's language (`error.<code>`). */
function errorMessage(c: Ctx, error: unknown): string {
  return error instanceof AppError ? c.var.t(`error.${error.code}`, errorParams(error)) : c.var.t('error.internal')
}

/** A field problem the summary lists: linked to its field when a `Field` on the form showed it. */
type SummaryItem = { message: string; label?: string; target?: string }

/**
 * What the fields of one failed form share while it renders: each field's message, and which
 * `Field` showed which (for the summary's labels and links).
 */
class FormErrors {
  readonly shown = new Map<string, { label: string; target: string }>()
  constructor(readonly messages: Record<string, string>) {}

  /** The fields with a problem that `names` cover (`products` covers `products.0.name`) and no field has shown yet. */
  open(names: readonly string[]): string[] {
    const covers = (key: string) => names.some((n) => key === n || key.startsWith(`${n}.`))
    return Object.keys(this.messages).filter((key) => covers(key) && !this.shown.has(key))
  }

  /** The messages of the fields `names` cover, marked as shown. */
  claim(names: readonly string[], label: string, target: string): { key: string; message: string }[] {
    const mine = this.open(names)
    for (const key of mine) this.shown.set(key, { label, target })
    return mine.map((key) => ({ key, message: this.messages[key]! }))
  }

  /** Every problem, those a field showed first in the form's order, then the rest (`_`: the whole form). */
  summary(): SummaryItem[] {
    const linked = [...this.shown].map(([key, { label, target }]) => ({ message: this.messages[key]!, label, target }))
    const rest = Object.entries(this.messages).filter(([key]) => !this.shown.has(key)).map(([, message]) => ({ message }))
    return [...linked, ...rest]
  }
}

const FormErrorsContext = createContext<FormErrors | null>(null)

/**
 * The summary at the top of a failed form: the error's message as a focusable heading, and each
 * field's problem as a link to the field ("製品名：必須項目です。").
 */
function ErrorSummary(props: { c: Ctx; error: unknown; items: SummaryItem[] }) {
  const { t } = props.c.var
  return (
    <div class="error error-summary" role="alert" aria-labelledby="error-summary-title" data-error-summary>
      <h2 id="error-summary-title" tabindex={-1} autofocus>{errorMessage(props.c, props.error)}</h2>
      {props.items.length > 0 && (
        <ul>
          {props.items.map((item) => item.target
            ? <li><a href={`#${item.target}`}>{t('error.summary_item', { label: item.label ?? '', message: item.message })}</a></li>
            : <li data-unlinked>{item.message}</li>)}
        </ul>
      )}
    </div>
  )
}

type FormProps = Omit<JSX.IntrinsicElements['form'], 'children'> & {
  c: Ctx
  /** The failed submission's error: a summary at the top, each field's message beside it. */
  error?: unknown
  children?: Child
}

/**
 * A form that shows a failed submission's problems: a summary at the top linking to each field,
 * and each `Field` inside it its own message (`aria-invalid`, `aria-describedby`). Every form
 * re-rendered after an error should be one: `<Form c={c} error={error} action="/x">…</Form>`.
 */
export function Form(props: FormProps) {
  const { c, error, children, method, ...attributes } = props
  if (!error) return <form method={method ?? 'post'} {...attributes}>{children}</form>
  const state = new FormErrors(fieldMessages(c, error))
  // The fields render first, so that the summary above them knows their labels.
  const body = (<FormErrorsContext.Provider value={state}>{children}</FormErrorsContext.Provider>).toString() as string | Promise<string>
  const finish = (html: string) => (
    <>
      <ErrorSummary c={c} error={error} items={state.summary()} />
      <form method={method ?? 'post'} {...attributes}>{raw(html)}</form>
    </>
  )
  return body instanceof Promise ? body.then(finish) : finish(body)
}

/**
 * A translated error banner for a failed submission whose form is not a `Form` (or a page with no
 * form): the error's message and each field's problem, without field names.
 */
export function ErrorBanner(props: { c: Ctx; error: unknown }) {
  if (!props.error) return null
  const messages = Object.values(fieldMessages(props.c, props.error))
  return <ErrorSummary c={props.c} error={props.error} items={[...new Set(messages)].map((message) => ({ message }))} />
}

type Node = { tag: unknown; props: Record<string, unknown>; children: unknown[] }
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && 'tag' in v && 'props' in v && Array.isArray((v as Node).children)
/** hono renders `<input>` through a component of its own: its tag is that function, not the string. */
const INPUT_TAG = (<input /> as unknown as Node).tag
const CONTROLS = new Set<unknown>(['input', 'select', 'textarea', INPUT_TAG])

/** The form controls among a field's children (not hidden inputs or buttons), in document order. */
function controlsIn(children: unknown, out: Node[] = []): Node[] {
  for (const child of Array.isArray(children) ? children : [children]) {
    if (Array.isArray(child)) controlsIn(child, out)
    else if (isNode(child)) {
      const type = child.props.type
      if (CONTROLS.has(child.tag) && type !== 'hidden' && type !== 'submit' && type !== 'button') out.push(child)
      controlsIn(child.children, out)
    }
  }
  return out
}

/** `products[0][name]` and `products.0.name` alike. */
const dotted = (name: string) => name.replace(/\[(\w*)\]/g, (_, k: string) => (k ? `.${k}` : ''))

/**
 * The field a control submits, as errors name it: its `data-field` when its name alone does not say
 * (a table's parallel columns: `name="vulnCveId" data-field="vulnerabilities.2.cveId"`), else its name.
 */
const fieldKeyOf = (control: Node): string | undefined => {
  const key = control.props['data-field'] ?? control.props.name
  return typeof key === 'string' ? dotted(key) : undefined
}

/**
 * A labelled form field. Inside a `Form` that failed, it shows its message under the label and
 * marks its controls `aria-invalid` and described by the message. `names` lists the submitted
 * names it covers when they are more than `name` (a ja/en pair, rows); `group` makes it a fieldset
 * with a legend (radio buttons, check boxes).
 */
export function Field(props: { label: string; name: string; names?: readonly string[]; hint?: string; required?: boolean; group?: boolean; children: Child }) {
  const state = useContext(FormErrorsContext)
  const hintId = props.hint ? `${props.name}-hint` : undefined
  const controls = state ? controlsIn(props.children) : []
  const wrong = new Set(state ? state.open(props.names ?? [props.name]) : [])
  const named = controls.filter((n) => wrong.has(fieldKeyOf(n) ?? ''))
  // The summary links to the first wrong control when it has an id of its own, else to the field's first.
  const idOf = (n: Node | undefined) => (typeof n?.props.id === 'string' ? n.props.id : undefined)
  const target = idOf(named[0]) ?? idOf(controls.find((n) => typeof n.props.id === 'string')) ?? props.name
  const problems = state ? state.claim(props.names ?? [props.name], props.label, target) : []
  const errorId = `${props.name}-error`
  if (problems.length > 0) {
    for (const control of named.length ? named : controls) {
      control.props['aria-invalid'] = 'true'
      control.props['aria-describedby'] = [errorId, hintId, control.props['aria-describedby']].filter(Boolean).join(' ')
    }
    if (controls.length && !controls.some((n) => n.props.id === target)) controls[0]!.props.id = target
  }
  const messages = [...new Set(problems.map((p) => p.message))]
  const label = <>{props.label}{props.required && <span class="req" aria-hidden="true"> *</span>}</>
  const message = messages.length > 0 && <p class="field-error" id={errorId}>{messages.join(' ')}</p>
  const hint = props.hint && <small class="hint" id={hintId}>{props.hint}</small>
  if (props.group) {
    return (
      <fieldset class={messages.length ? 'field invalid' : 'field'}>
        <legend>{label}</legend>
        {message}
        {props.children}
        {hint}
      </fieldset>
    )
  }
  return (
    <div class={messages.length ? 'field invalid' : 'field'}>
      <label for={props.name}>{label}</label>
      {message}
      {props.children}
      {hint}
    </div>
  )
}
