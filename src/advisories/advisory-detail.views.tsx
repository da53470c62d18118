import type { Lang, Translate } from '../platform/i18n/index.js'
import { formatDate } from '../platform/i18n/index.js'
import { englishOf } from '../platform/http/bilingual.js'
import type { Localized } from './advisory-content.js'
import type { CvssScore, CvssSeverity } from './cvss.js'
import { cveUrl, cweUrl, type PublicAdvisory } from './public-advisory.js'
import type { ResolvedFormat } from './advisory-formats.js'

/** Multi-line text as paragraphs and line breaks, escaped like every other text node. */
export function Paragraphs(props: { text: string }) {
  const paras = props.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
  return <>{paras.map((p) => <p>{p.split('\n').map((line, i) => <>{i > 0 && <br />}{line}</>)}</p>)}</>
}

/** Hiragana, Katakana, CJK ideographs and punctuation, full-width forms: text a reader of English cannot read. */
export const JAPANESE_SCRIPT = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

/**
 * `text` in `lang`. When that language is empty (a name the editor left in one language, a draft
 * not yet translated) the other language is shown instead, marked as such: its `lang` attribute,
 * so that screen readers and translators know, and "(Japanese only)" / "（英語のみ）" beside it.
 * An English that only repeats a Japanese name counts as empty (see `englishOf`).
 */
export function InLanguage(props: { t: Translate; lang: Lang; text: Localized; block?: boolean }) {
  const { t, lang, text } = props
  const own = lang === 'en' ? englishOf(text) : text.ja
  if (own.trim()) return props.block ? <Paragraphs text={own} /> : <>{own}</>
  const other = lang === 'en' ? 'ja' : 'en'
  const shown = text[other]
  if (!shown.trim()) return null
  const marker = <small class="meta lang-fallback">{t(`advisories.only_${other}`)}</small>
  return props.block
    ? <div lang={other}><Paragraphs text={shown} />{marker}</div>
    : <><span lang={other}>{shown}</span> {marker}</>
}

/** A name or title that exists in one language only (a finder's credit name, a linked page's title): marked Japanese where it is. */
export function ProperName(props: { text: string }) {
  return JAPANESE_SCRIPT.test(props.text) ? <span lang="ja">{props.text}</span> : <>{props.text}</>
}

export function SeverityBadge(props: { t: Translate; severity: CvssSeverity | null }) {
  if (!props.severity) return null
  return <span class={`status severity-${props.severity}`}>{props.t(`advisories.severity.${props.severity}`)}</span>
}

function Cvss(props: { t: Translate; label: string; score: CvssScore | null }) {
  if (!props.score) return null
  const { t, score } = props
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        {t('advisories.base_score')}: <strong>{score.score.toFixed(1)}</strong> <SeverityBadge t={t} severity={score.severity} />
        <br /><code>{score.vector}</code>
      </dd>
    </>
  )
}

/**
 * One advisory as readers see it (DESIGN §6, in JVN's section order), in `lang`. Used by the
 * portal's detail page and by the coordinator's preview, so the preview is exactly what goes out.
 */
export function AdvisoryDetail(props: { t: Translate; lang: Lang; advisory: PublicAdvisory; formats?: readonly ResolvedFormat[] }) {
  const { t, lang, advisory: a } = props
  const none = <p class="meta">{t('common.none')}</p>
  return (
    <article class="advisory">
      <dl class="facts">
        <dt>{t('advisories.identifier')}</dt><dd><strong>{a.identifier ?? t('advisories.not_assigned')}</strong></dd>
        {a.jvndbId && a.jvndbId !== a.identifier && <><dt>{t('advisories.jvndb_id')}</dt><dd>{a.jvndbId}</dd></>}
        {a.source && a.source !== 'keikai' && (
          <>
            <dt>{t('import.source')}</dt><dd>{t(`import.source.${a.source}`)}</dd>
            {(a.sourceIds ?? []).length > 0 && (
              <><dt>{t('import.original_ids')}</dt><dd class="source-ids">{(a.sourceIds ?? []).map((s, i) => <>{i > 0 && ', '}{s.id}{s.kind === 'CSAF' && <span class="meta"> (CSAF)</span>}</>)}</dd></>
            )}
          </>
        )}
        <dt>{t('advisories.published')}</dt><dd>{a.publishedAt ? formatDate(a.publishedAt, lang) : t('advisories.not_scheduled')}</dd>
        {a.modifiedAt && a.publishedAt && a.modifiedAt > a.publishedAt && <><dt>{t('advisories.modified')}</dt><dd>{formatDate(a.modifiedAt, lang)}</dd></>}
        <dt>{t('advisories.severity')}</dt><dd>{a.severity ? <SeverityBadge t={t} severity={a.severity} /> : t('common.none')}</dd>
      </dl>

      <h2>{t('advisories.overview')}</h2>
      <InLanguage t={t} lang={lang} text={a.overview} block />

      <h2>{t('advisories.affected_products')}</h2>
      {a.affectedProducts.length === 0 ? none : (
        <ul>
          {a.affectedProducts.map((p) => (
            <li>
              <InLanguage t={t} lang={lang} text={p.developer} /> <InLanguage t={t} lang={lang} text={p.product} />
              {(p.versions.ja || p.versions.en) && <> — <InLanguage t={t} lang={lang} text={p.versions} /></>}
              {p.cpe && <> <code class="meta">{p.cpe}</code></>}
              {p.package && (
                <div class="meta package">
                  {t('advisories.package_public')}: {p.package.ecosystem} <code>{p.package.name}</code>
                  {p.package.ranges.map((r) => (
                    <> — {[
                      r.introduced !== '0' && `${t('advisories.introduced')} ${r.introduced}`,
                      r.fixed && `${t('advisories.fixed')} ${r.fixed}`,
                      r.lastAffected && `${t('advisories.last_affected')} ${r.lastAffected}`,
                    ].filter(Boolean).join(lang === 'ja' ? '、' : ', ')}</>
                  ))}
                  {p.package.versions.length > 0 && <> — {p.package.versions.join(', ')}</>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('advisories.description')}</h2>
      <InLanguage t={t} lang={lang} text={a.description} block />
      {a.vulnerabilities.map((v) => (
        <section class="card vulnerability">
          <h3><InLanguage t={t} lang={lang} text={v.title} /></h3>
          <dl class="facts">
            {v.cveId && <><dt>{t('advisories.cve')}</dt><dd><a href={cveUrl(v.cveId)} rel="noopener noreferrer">{v.cveId}</a></dd></>}
            {v.cweId && <><dt>{t('advisories.cwe')}</dt><dd><a href={cweUrl(v.cweId)} rel="noopener noreferrer">{v.cweId}</a></dd></>}
            <Cvss t={t} label={t('advisories.cvss31')} score={v.cvss31} />
            <Cvss t={t} label={t('advisories.cvss40')} score={v.cvss40} />
          </dl>
        </section>
      ))}

      <h2>{t('advisories.impact')}</h2>
      <InLanguage t={t} lang={lang} text={a.impact} block />

      <h2>{t('advisories.solution')}</h2>
      <InLanguage t={t} lang={lang} text={a.solution} block />

      <h2>{t('advisories.vendor_statements')}</h2>
      {a.vendorStatements.length === 0 ? none : a.vendorStatements.map((s) => (
        <section>
          <h3><InLanguage t={t} lang={lang} text={s.developer} /></h3>
          {s.statuses && s.statuses.length > 0 && (
            <ul class="vendor-statuses">{s.statuses.map((v) => <li>{v.cveId ?? `#${v.position}`}: {t(`vuln.status.${v.status}`)}</li>)}</ul>
          )}
          <InLanguage t={t} lang={lang} text={s.statement} block />
        </section>
      ))}

      <h2>{t('advisories.references')}</h2>
      {a.references.length === 0 ? none : (
        <ol>{a.references.map((r) => <li><a href={r.url} rel="noopener noreferrer nofollow"><ProperName text={r.title} /></a> <span class="meta">{r.url}</span></li>)}</ol>
      )}

      <h2>{t('advisories.credits')}</h2>
      {a.credits.length === 0 ? none : (
        <>
          <p>{t('advisories.credits_intro')}</p>
          <ul>{a.credits.map((name) => <li><ProperName text={name} /></li>)}</ul>
        </>
      )}

      <h2>{t('advisories.revisions')}</h2>
      <ul class="timeline">
        {a.publishedAt && <li><span class="meta">{formatDate(a.publishedAt, lang)}</span> {t('advisories.revision_initial')}</li>}
        {a.revisions.map((r) => <li><span class="meta">{formatDate(r.revisedAt, lang)}</span> <InLanguage t={t} lang={lang} text={r.note} /></li>)}
      </ul>

      {props.formats && props.formats.length > 0 && (
        <section class="formats" aria-labelledby="advisory-formats">
          <h2 id="advisory-formats">{t('advisories.formats')}</h2>
          <ul>
            {props.formats.map((f) => (
              <li>
                {t(f.label)}:{' '}
                {f.links.map((l, i) => <>{i > 0 && ', '}<a href={l.href} type={f.type}>{l.text ?? l.href.split('/').pop()?.split('?')[0]}</a></>)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  )
}
