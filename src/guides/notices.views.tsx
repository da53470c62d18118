import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { GUIDE_TOPICS } from './guides.tables.js'
import type { Subscription } from './notices.repository.js'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const listOf = (v: unknown): unknown[] => (v === undefined ? [] : [v].flat())

/** The registration form: address, topics, language. After a refusal, what was entered. */
export function SubscribeForm(props: { c: Ctx; channel: string; values?: Record<string, unknown>; error?: unknown }) {
  const { c, values } = props
  const { t, lang } = c.var
  const topics = values ? listOf(values.topics) : [...GUIDE_TOPICS]
  const language = values ? str(values.language) : lang
  return (
    <>
      <p>{t('guides.notice.intro')}</p>
      <Form c={c} error={props.error} action="/guides/updates" class="stack narrow guides-notices">
        <Csrf c={c} />
        <input type="hidden" name="ch" value={props.channel} />
        <Field label={t('guides.notice.email')} name="email" hint={t('guides.notice.email_hint')} required>
          <input id="email" name="email" type="email" autocomplete="email" maxlength={254} value={str(values?.email)} required />
        </Field>
        <Field label={t('guides.notice.topics')} name="topics" group required>
          {GUIDE_TOPICS.map((topic) => (
            <label class="choice"><input type="checkbox" name="topics" value={topic} checked={topics.includes(topic)} /> {t(`guides.notice.topic.${topic}`)}</label>
          ))}
        </Field>
        <Field label={t('guides.notice.language')} name="language" group required>
          <label class="choice"><input type="radio" name="language" value="ja" checked={language !== 'en'} /> 日本語</label>
          <label class="choice"><input type="radio" name="language" value="en" checked={language === 'en'} /> English</label>
        </Field>
        <button type="submit">{t('guides.notice.register')}</button>
      </Form>
      <p class="hint">{t('guides.notice.privacy')}</p>
    </>
  )
}

/** What every registration is answered with, whatever the address: nobody learns whether it was known. */
export function CheckYourMail(props: { c: Ctx }) {
  const { t } = props.c.var
  return <p class="notice" role="status">{t('guides.notice.check_mail')}</p>
}

/** A secret link's page: one button, since mail scanners open GET links and must not act on them. */
export function LinkButton(props: { c: Ctx; text: string; action: string; button: string; csrf: boolean }) {
  return (
    <>
      <p>{props.text}</p>
      <form method="post" action={props.action} class="guides-notices">
        {props.csrf && <Csrf c={props.c} />}
        {!props.csrf && <input type="hidden" name="List-Unsubscribe" value="One-Click" />}
        <button type="submit">{props.button}</button>
      </form>
    </>
  )
}

/** Administrators' list of subscriptions (the only place addresses are shown), and the announcement form. */
export function SubscribersPage(props: { c: Ctx; subscriptions: Subscription[]; announced?: number; values?: Record<string, unknown>; error?: unknown }) {
  const { c, subscriptions, values } = props
  const { t, lang } = c.var
  const count = (s: Subscription['status']) => subscriptions.filter((x) => x.status === s).length
  return (
    <>
      {props.announced !== undefined && <p class="notice" role="status">{t('guides.notice.announced', { n: props.announced })}</p>}
      <p>{t('guides.notice.subscriber_counts', { confirmed: count('confirmed'), pending: count('pending'), unsubscribed: count('unsubscribed') })}</p>
      <section>
        <h2>{t('guides.notice.announce_title')}</h2>
        <p>{t('guides.notice.announce_intro')}</p>
        <Form c={c} error={props.error} action="/guides/updates/announcements" class="stack guides-notices">
          <Csrf c={c} />
          <Field label={t('guides.notice.announce_topic')} name="topic" required>
            <select id="topic" name="topic" required>
              {GUIDE_TOPICS.map((topic) => <option value={topic} selected={str(values?.topic) === topic}>{t(`guides.notice.topic.${topic}`)}</option>)}
            </select>
          </Field>
          <Field label={t('guides.notice.announce_note_ja')} name="noteJa" required>
            <textarea id="noteJa" name="noteJa" rows={4} maxlength={2000} required>{str(values?.noteJa)}</textarea>
          </Field>
          <Field label={t('guides.notice.announce_note_en')} name="noteEn" required>
            <textarea id="noteEn" name="noteEn" rows={4} maxlength={2000} required>{str(values?.noteEn)}</textarea>
          </Field>
          <button type="submit">{t('guides.notice.announce_send')}</button>
        </Form>
      </section>
      <section>
        <h2>{t('guides.notice.subscribers_list')}</h2>
        {subscriptions.length === 0 ? <p>{t('guides.notice.no_subscribers')}</p> : (
          <table>
            <thead><tr>
              <th scope="col">{t('guides.notice.email')}</th><th scope="col">{t('guides.notice.status')}</th><th scope="col">{t('guides.notice.topics')}</th>
              <th scope="col">{t('guides.notice.language')}</th><th scope="col">{t('guides.notice.registered_at')}</th>
              <th scope="col">{t('guides.notice.confirmed_at')}</th><th scope="col">{t('guides.notice.unsubscribed_at')}</th>
            </tr></thead>
            <tbody>
              {subscriptions.map((s) => (
                <tr>
                  <td>{s.email}</td><td>{t(`guides.notice.status.${s.status}`)}</td>
                  <td>{s.topics.map((topic) => t(`guides.notice.topic.${topic}`)).join(t('guides.notice.list_separator'))}</td>
                  <td>{s.language === 'en' ? 'English' : '日本語'}</td>
                  <td>{formatDateTime(s.createdAt, lang)}</td><td>{formatDateTime(s.confirmedAt, lang)}</td><td>{formatDateTime(s.unsubscribedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
