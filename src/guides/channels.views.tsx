import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import { CHANNEL_KINDS } from './guides.tables.js'
import { GUIDE_PAGES } from './guide-pages.js'
import { QR_SIZES, qrTarget } from './qr.js'
import type { Channel } from './channels.repository.js'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** A channel's name in the reader's language. */
export const channelName = (c: Ctx, ch: Pick<Channel, 'nameJa' | 'nameEn'>) => (c.var.lang === 'en' && ch.nameEn ? ch.nameEn : ch.nameJa)

/** A guide page's title as its list shows it (checklist items carry their number). */
export const pageTitle = (c: Ctx, path: string): string => {
  const page = GUIDE_PAGES.find((p) => p.path === path)
  return page ? c.var.t(page.titleKey, { number: page.item ?? '' }) : path
}

/** The channels staff made, and the form for a new one. */
export function ChannelsPage(props: { c: Ctx; channels: Channel[]; values?: Record<string, unknown>; error?: unknown }) {
  const { c, channels, values } = props
  const { t, lang } = c.var
  return (
    <>
      <p>{t('guides.channels.intro')}</p>
      <section>
        <h2>{t('guides.channels.list')}</h2>
        {channels.length === 0 ? <p>{t('guides.channels.none')}</p> : (
          <table>
            <thead><tr>
              <th scope="col">{t('guides.channels.tag')}</th><th scope="col">{t('guides.channels.kind')}</th><th scope="col">{t('guides.channels.name')}</th>
              <th scope="col">{t('guides.channels.created')}</th><th scope="col">{t('guides.channels.archived')}</th>
            </tr></thead>
            <tbody>
              {channels.map((ch) => (
                <tr>
                  <td><a href={`/guides/channels/${ch.tag}`}><code>{ch.tag}</code></a></td>
                  <td>{t(`guides.channels.kind.${ch.kind}`)}</td>
                  <td>{ch.nameJa}{ch.nameEn && ch.nameEn !== ch.nameJa ? <><br /><span lang="en">{ch.nameEn}</span></> : null}</td>
                  <td>{formatDate(ch.createdAt, lang)}</td>
                  <td>{ch.archivedAt ? formatDate(ch.archivedAt, lang) : (
                    <form method="post" action={`/guides/channels/${ch.tag}/archive`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class="secondary" aria-label={t('guides.channels.archive_named', { tag: ch.tag })}>{t('guides.channels.archive')}</button>
                    </form>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>{t('guides.channels.new')}</h2>
        <Form c={c} error={props.error} action="/guides/channels" class="stack narrow guides-channels">
          <Csrf c={c} />
          <Field label={t('guides.channels.tag')} name="tag" hint={t('guides.channels.tag_hint')} required>
            <input id="tag" name="tag" maxlength={63} pattern="[a-z0-9][a-z0-9\-]{1,62}" value={str(values?.tag)} required />
          </Field>
          <Field label={t('guides.channels.kind')} name="kind" required>
            <select id="kind" name="kind" required>
              {CHANNEL_KINDS.map((k) => <option value={k} selected={str(values?.kind) === k}>{t(`guides.channels.kind.${k}`)}</option>)}
            </select>
          </Field>
          <Field label={t('guides.channels.name_ja')} name="nameJa" required>
            <input id="nameJa" name="nameJa" maxlength={200} value={str(values?.nameJa)} required />
          </Field>
          <Field label={t('guides.channels.name_en')} name="nameEn">
            <input id="nameEn" name="nameEn" lang="en" maxlength={200} value={str(values?.nameEn)} />
          </Field>
          <button type="submit">{t('guides.channels.create')}</button>
        </Form>
      </section>
    </>
  )
}

/** A channel's QR codes, one per guide page, with the link each carries and downloads for print. */
export function ChannelQrPage(props: { c: Ctx; channel: Channel; publicUrl: string }) {
  const { c, channel } = props
  const { t, lang } = c.var
  const q = (path: string) => `page=${encodeURIComponent(path)}&ch=${encodeURIComponent(channel.tag)}`
  return (
    <>
      <dl class="meta">
        <dt>{t('guides.channels.tag')}</dt><dd><code>{channel.tag}</code></dd>
        <dt>{t('guides.channels.kind')}</dt><dd>{t(`guides.channels.kind.${channel.kind}`)}</dd>
        <dt>{t('guides.channels.created')}</dt><dd>{formatDate(channel.createdAt, lang)}</dd>
      </dl>
      {channel.archivedAt ? <p class="notice" role="status">{t('guides.channels.archived_note', { date: formatDate(channel.archivedAt, lang) })}</p> : (
        <>
          <p>{t('guides.channels.qr_intro')}</p>
          <ul class="guides-qr-list">
            {GUIDE_PAGES.map((p) => {
              const link = qrTarget(props.publicUrl, p.path, channel.tag)
              const title = pageTitle(c, p.path)
              return (
                <li class="card">
                  <h2>{title}</h2>
                  <img src={`/guides/qr.svg?${q(p.path)}`} width={150} height={150} alt={t('guides.channels.qr_alt', { title })} loading="lazy" />
                  <p><a href={link}>{link}</a></p>
                  <p>
                    <a href={`/guides/qr.svg?${q(p.path)}&download=1`} download>{t('guides.channels.download_svg')}</a>
                    {QR_SIZES.map((size) => <>{' · '}<a href={`/guides/qr.png?${q(p.path)}&size=${size}&download=1`} download>{t('guides.channels.download_png', { size })}</a></>)}
                  </p>
                </li>
              )
            })}
          </ul>
        </>
      )}
      <p><a href={`/guides/effect?channel=${channel.tag}`}>{t('guides.channels.effect_link')}</a></p>
    </>
  )
}
