import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import type { SavedChecklistResult, ChecklistVersion } from './checklist.repository.js'
import type { ChecklistSummary } from './checklist-result.js'
import { partTitle } from './checklist.views.js'
import type { Statement } from './statements.repository.js'

/** Text in the reader's language, Japanese when no English was given. */
const pick = (c: Ctx, text: { ja: string; en: string }) => (c.var.lang === 'en' && text.en ? text.en : text.ja)

const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ')

/**
 * The product's security.txt (RFC 9116) to copy to its web site: the statement's contacts, an
 * expiry one year ahead, the languages, and where the file is meant to live.
 */
export function securityTxt(s: Statement, statementUrl: string, now: Date): string {
  const expires = new Date(now.getTime() + 365 * 24 * 3600_000)
  const site = s.contactUrl ? new URL(s.contactUrl).origin : `https://${s.contactEmail!.split('@')[1]}`
  return [
    `# ${oneLine(s.productName)}: ${statementUrl}`,
    ...(s.contactEmail ? [`Contact: mailto:${s.contactEmail}`] : []),
    ...(s.contactUrl ? [`Contact: ${s.contactUrl}`] : []),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    'Preferred-Languages: ja, en',
    `Canonical: ${site}/.well-known/security.txt`,
  ].join('\n')
}

/** The checklist summary of the saved result a statement links. */
function LinkedSummary(props: { c: Ctx; linked: { result: SavedChecklistResult; checklist: ChecklistVersion; summary: ChecklistSummary } }) {
  const { c, linked } = props
  const { t, lang } = c.var
  return (
    <section>
      <h2>{t('guides.statements.checklist_title')}</h2>
      <p class="meta">{t('guides.statements.checklist_made', { version: linked.checklist.version, date: formatDate(linked.result.createdAt, lang) })}</p>
      <table class="figures checklist-summary">
        <thead>
          <tr><th scope="col">{t('guides.checklist.summary_part')}</th><th scope="col">{t('guides.checklist.summary_items')}</th><th scope="col">{t('guides.checklist.summary_level1')}</th><th scope="col">{t('guides.checklist.summary_level2')}</th><th scope="col">{t('guides.checklist.summary_level3')}</th></tr>
        </thead>
        <tbody>
          {[...linked.summary.parts.map((p) => ({ label: partTitle(c, p.part), ...p })), { label: t('guides.checklist.summary_total'), ...linked.summary.total }].map((p) => (
            <tr><th scope="row">{p.label}</th><td>{p.items}</td><td>{p.atLeast1}</td><td>{p.atLeast2}</td><td>{p.level3}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The public statement: what a buyer should find before buying, and the security.txt to copy. */
export function StatementView(props: { c: Ctx; s: Statement; statementUrl: string; now: Date; canEdit: boolean; linked?: Parameters<typeof LinkedSummary>[0]['linked'] }) {
  const { c, s } = props
  const { t, lang } = c.var
  return (
    <>
      {!s.publishedAt && <p class="notice" role="status">{t('guides.statements.preview_notice')}</p>}
      <dl class="facts">
        <dt>{t('guides.statements.organization')}</dt><dd>{pick(c, s.organizationName)}</dd>
        <dt>{t('guides.statements.support_ends_on')}</dt><dd>{s.supportEndsOn ? formatDate(s.supportEndsOn, lang) : t('guides.statements.support_undecided')}</dd>
        {pick(c, s.supportNote) && <><dt>{t('guides.statements.support_note')}</dt><dd>{pick(c, s.supportNote)}</dd></>}
        <dt>{t('guides.statements.contact')}</dt>
        <dd>
          {s.contactUrl && <a href={s.contactUrl} rel="nofollow noopener">{s.contactUrl}</a>}
          {s.contactUrl && s.contactEmail && <br />}
          {s.contactEmail && <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>}
        </dd>
        <dt>{t('guides.statements.update_method')}</dt><dd>{pick(c, s.updateMethod) || t('guides.statements.update_method_none')}</dd>
        {s.publishedAt && <><dt>{t('guides.statements.updated_at')}</dt><dd>{formatDateTime(s.updatedAt, lang)}</dd></>}
      </dl>
      <p>{t('guides.statements.why')} <a href="/guides/consumers/choosing">{t('guides.statements.consumer_guide')}</a></p>
      {props.linked && <LinkedSummary c={c} linked={props.linked} />}
      <section>
        <h2>{t('guides.statements.security_txt_title')}</h2>
        <p>{t('guides.statements.security_txt_intro')}</p>
        <pre class="security-txt" tabindex={0} aria-label={t('guides.statements.security_txt_title')}>{securityTxt(s, props.statementUrl, props.now)}</pre>
      </section>
      {props.canEdit && <p class="no-print"><a href={`/guides/statements/${s.slug}/edit`}>{t('guides.statements.edit')}</a> · <a href="/guides/statements">{t('guides.statements.list_title')}</a></p>}
    </>
  )
}

/** The statement form: new (no `statement`) or editing one. `values` are what was entered (after a refusal) or stored. */
export function StatementForm(props: { c: Ctx; action: string; values: Record<string, unknown>; results: SavedChecklistResult[]; error?: unknown }) {
  const { c, values } = props
  const { t, lang } = c.var
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  const text = (name: string, label: string, opts: { hint?: string; required?: boolean; type?: string; max?: number } = {}) => (
    <Field label={label} name={name} hint={opts.hint} required={opts.required}>
      <input id={name} name={name} type={opts.type ?? 'text'} value={v(name)} maxlength={opts.max ?? 200} required={opts.required} />
    </Field>
  )
  const area = (name: string, label: string) => (
    <Field label={label} name={name}><textarea id={name} name={name} rows={3} maxlength={2000}>{v(name)}</textarea></Field>
  )
  return (
    <Form c={c} error={props.error} action={props.action} class="stack">
      <Csrf c={c} />
      <p>{t('guides.statements.form_intro')} <a href="/guides/consumers/choosing">{t('guides.statements.consumer_guide')}</a></p>
      {text('productName', t('guides.statements.product_name'), { required: true })}
      {text('slug', t('guides.statements.slug'), { required: true, hint: t('guides.statements.slug_hint'), max: 63 })}
      {text('supportEndsOn', t('guides.statements.support_ends_on'), { type: 'date', hint: t('guides.statements.support_ends_on_hint'), max: 10 })}
      {area('supportNoteJa', t('guides.statements.support_note_ja'))}
      {area('supportNoteEn', t('guides.statements.support_note_en'))}
      {text('contactUrl', t('guides.statements.contact_url'), { type: 'url', hint: t('guides.statements.contact_hint'), max: 500 })}
      {text('contactEmail', t('guides.statements.contact_email'), { type: 'email', max: 254 })}
      {area('updateMethodJa', t('guides.statements.update_method_ja'))}
      {area('updateMethodEn', t('guides.statements.update_method_en'))}
      <Field label={t('guides.statements.linked_result')} name="checklistResultId" hint={t('guides.statements.linked_result_hint')}>
        <select id="checklistResultId" name="checklistResultId">
          <option value="">{t('guides.statements.no_linked_result')}</option>
          {props.results.map((r) => (
            <option value={r.id} selected={v('checklistResultId') === r.id}>
              {`${r.productName || t('guides.checklist.unnamed_product')} (${formatDateTime(r.createdAt, lang)}, ${t('guides.checklist.version_n', { version: r.version })})`}
            </option>
          ))}
        </select>
      </Field>
      <p><button type="submit">{t('guides.statements.save')}</button></p>
    </Form>
  )
}

/** The organisation's statements, each with its state and the buttons to publish or withdraw it. */
export function StatementList(props: { c: Ctx; statements: Statement[] }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <>
      <p>{t('guides.statements.list_intro')}</p>
      <p><a href="/guides/statements/new">{t('guides.statements.new_title')}</a></p>
      {props.statements.length === 0
        ? <p>{t('guides.statements.none')}</p>
        : (
          <table>
            <thead><tr><th scope="col">{t('guides.statements.product_name')}</th><th scope="col">{t('guides.statements.state')}</th><th scope="col">{t('guides.statements.actions')}</th></tr></thead>
            <tbody>
              {props.statements.map((s) => (
                <tr>
                  <td><a href={`/guides/statements/${s.slug}`}>{s.productName}</a></td>
                  <td>{s.publishedAt ? t('guides.statements.published_at', { date: formatDateTime(s.publishedAt, lang) }) : t('guides.statements.unpublished')}</td>
                  <td>
                    <a href={`/guides/statements/${s.slug}/edit`}>{t('guides.statements.edit')}</a>{' '}
                    <form method="post" action={`/guides/statements/${s.slug}/${s.publishedAt ? 'unpublish' : 'publish'}`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class={s.publishedAt ? 'secondary' : undefined}>{t(s.publishedAt ? 'guides.statements.unpublish' : 'guides.statements.publish')}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </>
  )
}
