import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import type { CommitteePublishedListing, PublicListing } from './listings.repository.js'
import { identifierSlug, InLanguage } from '../advisories/index.js'
import type { ContactPolicy } from './contact-policy.js'

const CHANNELS = ['email', 'web_form', 'phone', 'postal', 'other'] as const

/** Names in the page's language; a name with no English shows the Japanese, marked "Japanese only". */
const developerName = (l: PublicListing, c: Ctx) => <InLanguage t={c.var.t} lang={c.var.lang} text={l.developer} />
const productName = (p: NonNullable<PublicListing['product']>, c: Ctx) => <InLanguage t={c.var.t} lang={c.var.lang} text={p.name} />
const productVersions = (p: NonNullable<PublicListing['product']>, c: Ctx) => <InLanguage t={c.var.t} lang={c.var.lang} text={p.versions} />

/** Where the public advisory a committee publication ended a listing with is read. */
export const advisoryPath = (l: CommitteePublishedListing) => `/advisories/${identifierSlug(l.advisory.identifier)}`

/** The history under the list: listings ended by the committee's publication, each with its public advisory. */
function PublishedHistory(props: { c: Ctx; published: CommitteePublishedListing[] }) {
  const { t, lang } = props.c.var
  if (props.published.length === 0) return null
  return (
    <section data-testid="uncontactable-published">
      <h2>{t('uncontactable.history_heading')}</h2>
      <p>{t('uncontactable.history_intro')}</p>
      <table>
        <thead><tr><th>{t('uncontactable.col_developer')}</th><th>{t('uncontactable.col_listed')}</th><th>{t('uncontactable.col_published')}</th><th>{t('uncontactable.col_advisory')}</th></tr></thead>
        <tbody>{props.published.map((l) => (
          <tr data-published-listing={l.id}>
            <td><a href={`/uncontactable/${l.id}`}>{developerName(l, props.c)}</a></td>
            <td>{formatDate(l.listedAt, lang)}</td>
            <td>{formatDate(l.advisory.publishedAt, lang)}</td>
            <td><a href={advisoryPath(l)}>{l.advisory.identifier}</a></td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  )
}

/** A listing that ended with the committee's publication: what it was, and the advisory; no tip form. */
export function PublishedListingPage(props: { c: Ctx; listing: CommitteePublishedListing }) {
  const { c, listing: l } = props
  const { t, lang } = c.var
  return (
    <>
      <p class="notice" role="status">{t('uncontactable.listing_published_notice')}</p>
      <dl class="facts">
        <dt>{t('uncontactable.col_developer')}</dt><dd>{developerName(l, c)}</dd>
        <dt>{t('uncontactable.col_listed')}</dt><dd>{formatDate(l.listedAt, lang)}</dd>
        {l.product && <><dt>{t('uncontactable.col_product')}</dt><dd>{productName(l.product, c)}</dd><dt>{t('uncontactable.col_versions')}</dt><dd>{productVersions(l.product, c)}</dd></>}
        <dt>{t('uncontactable.col_published')}</dt><dd>{formatDate(l.advisory.publishedAt, lang)}</dd>
        <dt>{t('uncontactable.col_advisory')}</dt><dd><a href={advisoryPath(l)}>{l.advisory.identifier}</a></dd>
      </dl>
      <p><a href="/uncontactable">{t('uncontactable.back_to_list')}</a></p>
    </>
  )
}

/** The public list (連絡不能開発者一覧): names and dates, products only once their time has come. */
export function PublicList(props: { c: Ctx; listings: PublicListing[]; published?: CommitteePublishedListing[] }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p>{t('uncontactable.intro')}</p>
      <p>{t('uncontactable.intro_tip')}</p>
      {props.listings.length === 0 ? <p>{t('uncontactable.empty')}</p> : (
        <table data-testid="uncontactable-list">
          <thead><tr><th>{t('uncontactable.col_developer')}</th><th>{t('uncontactable.col_listed')}</th><th>{t('uncontactable.col_product')}</th><th>{t('uncontactable.col_versions')}</th></tr></thead>
          <tbody>{props.listings.map((l) => (
            <tr data-listing={l.id}>
              <td><a href={`/uncontactable/${l.id}`}>{developerName(l, props.c)}</a></td>
              <td>{formatDate(l.listedAt, lang)}</td>
              <td>{l.product ? productName(l.product, props.c) : <span class="meta">{t('uncontactable.product_later')}</span>}</td>
              <td>{l.product ? productVersions(l.product, props.c) : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <PublishedHistory c={props.c} published={props.published ?? []} />
    </>
  )
}

export type TipFormState = { values?: Record<string, string>; error?: unknown; sent?: boolean }

/** One listing with the public form "we know how to reach this developer". */
export function ListingPage(props: { c: Ctx; listing: PublicListing; state: TipFormState }) {
  const { c, listing: l, state } = props
  const { t, lang } = c.var
  const v = state.values ?? {}
  return (
    <>
      <dl class="facts">
        <dt>{t('uncontactable.col_developer')}</dt><dd>{developerName(l, c)}</dd>
        <dt>{t('uncontactable.col_listed')}</dt><dd>{formatDate(l.listedAt, lang)}</dd>
        <dt>{t('uncontactable.col_product')}</dt><dd>{l.product ? productName(l.product, c) : t('uncontactable.product_later')}</dd>
        {l.product && <><dt>{t('uncontactable.col_versions')}</dt><dd>{productVersions(l.product, c)}</dd></>}
      </dl>
      <h2>{t('uncontactable.tip_heading')}</h2>
      {state.sent && <p class="notice" role="status">{t('uncontactable.tip_sent')}</p>}
      <p>{t('uncontactable.tip_intro')}</p>
      <Form c={c} error={state.error} action={`/uncontactable/${l.id}/tips`} class="stack">
        <Csrf c={c} />
        <Field label={t('uncontactable.tip_name')} name="name" required><input id="name" name="name" required maxlength={200} value={v.name ?? ''} /></Field>
        <Field label={t('uncontactable.tip_email')} name="email" required><input id="email" name="email" type="email" required maxlength={254} value={v.email ?? ''} /></Field>
        <Field label={t('uncontactable.tip_message')} name="message" required hint={t('uncontactable.tip_message_hint')}>
          <textarea id="message" name="message" required maxlength={5000}>{v.message ?? ''}</textarea>
        </Field>
        <button type="submit">{t('uncontactable.tip_submit')}</button>
      </Form>
      <p><a href="/uncontactable">{t('uncontactable.back_to_list')}</a></p>
    </>
  )
}

/** The administrator's form for the contact-attempt policy. */
export function PolicyPage(props: { c: Ctx; policy: ContactPolicy; saved?: boolean; error?: unknown; values?: Record<string, unknown> }) {
  const { c, policy: p, values } = props
  const { t } = c.var
  // After a refused change, what was entered; else the policy in force.
  const v = (k: 'minAttempts' | 'minSpanBusinessDays' | 'detailsAfterMonths') => (values ? String(values[k] ?? '') : String(p[k]))
  const channels: unknown[] = values ? [values.requiredChannels ?? []].flat() : p.requiredChannels
  return (
    <>
      {props.saved && <p class="notice" role="status">{t('uncontactable.policy_saved')}</p>}
      <p>{t('uncontactable.policy_intro')}</p>
      <Form c={c} error={props.error} action="/uncontactable-policy" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('uncontactable.policy_channels')} name="requiredChannels" group>
          {CHANNELS.map((ch) => (
            <label><input type="checkbox" name="requiredChannels" value={ch} checked={channels.includes(ch)} /> {t(`coordination.channel.${ch}`)}</label>
          ))}
        </Field>
        <Field label={t('uncontactable.policy_min_attempts')} name="minAttempts" required><input id="minAttempts" name="minAttempts" type="number" min={1} max={100} value={v('minAttempts')} required /></Field>
        <Field label={t('uncontactable.policy_min_span')} name="minSpanBusinessDays" required><input id="minSpanBusinessDays" name="minSpanBusinessDays" type="number" min={0} max={1000} value={v('minSpanBusinessDays')} required /></Field>
        <Field label={t('uncontactable.policy_details_months')} name="detailsAfterMonths" hint={t('uncontactable.policy_details_hint')} required>
          <input id="detailsAfterMonths" name="detailsAfterMonths" type="number" min={0} max={120} value={v('detailsAfterMonths')} required />
        </Field>
        <button type="submit">{t('common.save')}</button>
      </Form>
    </>
  )
}
