import type { Lang, Translate } from '../platform/i18n/index.js'
import { formatDate } from '../platform/i18n/index.js'
import type { CvssScore, CvssSeverity } from './cvss.js'
import { cveUrl, cweUrl, pick, type PublicAdvisory } from './public-advisory.js'

/** Multi-line text as paragraphs and line breaks, escaped like every other text node. */
export function Paragraphs(props: { text: string }) {
  const paras = props.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
  return <>{paras.map((p) => <p>{p.split('\n').map((line, i) => <>{i > 0 && <br />}{line}</>)}</p>)}</>
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
export function AdvisoryDetail(props: { t: Translate; lang: Lang; advisory: PublicAdvisory }) {
  const { t, lang, advisory: a } = props
  const none = <p class="meta">{t('common.none')}</p>
  return (
    <article class="advisory">
      <dl class="facts">
        <dt>{t('advisories.identifier')}</dt><dd><strong>{a.identifier ?? t('advisories.not_assigned')}</strong></dd>
        <dt>{t('advisories.published')}</dt><dd>{a.publishedAt ? formatDate(a.publishedAt, lang) : t('advisories.not_scheduled')}</dd>
        {a.modifiedAt && a.publishedAt && a.modifiedAt > a.publishedAt && <><dt>{t('advisories.modified')}</dt><dd>{formatDate(a.modifiedAt, lang)}</dd></>}
        <dt>{t('advisories.severity')}</dt><dd>{a.severity ? <SeverityBadge t={t} severity={a.severity} /> : t('common.none')}</dd>
      </dl>

      <h2>{t('advisories.overview')}</h2>
      <Paragraphs text={pick(a.overview, lang)} />

      <h2>{t('advisories.affected_products')}</h2>
      {a.affectedProducts.length === 0 ? none : (
        <ul>
          {a.affectedProducts.map((p) => (
            <li>
              {p.developer} {p.product}{p.versions && <> — {p.versions}</>}
              {p.cpe && <> <code class="meta">{p.cpe}</code></>}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('advisories.description')}</h2>
      <Paragraphs text={pick(a.description, lang)} />
      {a.vulnerabilities.map((v) => (
        <section class="card vulnerability">
          <h3>{pick(v.title, lang)}</h3>
          <dl class="facts">
            {v.cveId && <><dt>{t('advisories.cve')}</dt><dd><a href={cveUrl(v.cveId)} rel="noopener noreferrer">{v.cveId}</a></dd></>}
            {v.cweId && <><dt>{t('advisories.cwe')}</dt><dd><a href={cweUrl(v.cweId)} rel="noopener noreferrer">{v.cweId}</a></dd></>}
            <Cvss t={t} label={t('advisories.cvss31')} score={v.cvss31} />
            <Cvss t={t} label={t('advisories.cvss40')} score={v.cvss40} />
          </dl>
        </section>
      ))}

      <h2>{t('advisories.impact')}</h2>
      <Paragraphs text={pick(a.impact, lang)} />

      <h2>{t('advisories.solution')}</h2>
      <Paragraphs text={pick(a.solution, lang)} />

      <h2>{t('advisories.vendor_statements')}</h2>
      {a.vendorStatements.length === 0 ? none : a.vendorStatements.map((s) => (
        <section>
          <h3>{pick(s.developer, lang)}</h3>
          {s.statuses && s.statuses.length > 0 && (
            <ul class="vendor-statuses">{s.statuses.map((v) => <li>{v.cveId ?? `#${v.position}`}: {t(`vuln.status.${v.status}`)}</li>)}</ul>
          )}
          {(s.statement.ja || s.statement.en) && <Paragraphs text={pick(s.statement, lang)} />}
        </section>
      ))}

      <h2>{t('advisories.references')}</h2>
      {a.references.length === 0 ? none : (
        <ol>{a.references.map((r) => <li><a href={r.url} rel="noopener noreferrer nofollow">{r.title}</a> <span class="meta">{r.url}</span></li>)}</ol>
      )}

      <h2>{t('advisories.credits')}</h2>
      {a.credits.length === 0 ? none : (
        <>
          <p>{t('advisories.credits_intro')}</p>
          <ul>{a.credits.map((name) => <li>{name}</li>)}</ul>
        </>
      )}

      <h2>{t('advisories.revisions')}</h2>
      <ul class="timeline">
        {a.publishedAt && <li><span class="meta">{formatDate(a.publishedAt, lang)}</span> {t('advisories.revision_initial')}</li>}
        {a.revisions.map((r) => <li><span class="meta">{formatDate(r.revisedAt, lang)}</span> {pick(r.note, lang)}</li>)}
      </ul>
    </article>
  )
}
