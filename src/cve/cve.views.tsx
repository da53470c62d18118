import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { PoolEntry } from './cve-pool.repository.js'

export type AddResult = { added: string[]; duplicates: string[] }
export type PoolFilter = 'all' | 'free' | 'assigned'

/** The coordinators' page of the reserved CVE IDs: how many are free, the form to add more, every ID and where it went. */
export function CveIdPoolPage(props: { c: Ctx; entries: PoolEntry[]; filter: PoolFilter; text?: string; error?: unknown; result?: AddResult }) {
  const { c, entries, filter, result } = props
  const { t, lang } = c.var
  const free = entries.filter((e) => !e.assigned && !e.usedBy).length
  const shown = entries.filter((e) => filter === 'all' || (filter === 'free' ? !e.assigned && !e.usedBy : e.assigned || e.usedBy))
  return (
    <>
      <p>{t('cve.pool_intro')}</p>
      <p data-testid="cve-free-count"><strong>{t('cve.pool_free_count', { n: free, total: entries.length })}</strong></p>
      {result && (
        <div class="notice" role="status" data-testid="cve-add-result">
          <p>{t('cve.added_count', { n: result.added.length })}</p>
          {result.duplicates.length > 0 && <p>{t('cve.duplicates', { ids: result.duplicates.join(', ') })}</p>}
        </div>
      )}
      <h2>{t('cve.add_title')}</h2>
      <Form c={c} error={props.error} action="/cve-ids" class="stack">
        <Csrf c={c} />
        <Field label={t('cve.add_label')} name="cveIds" required hint={t('cve.add_hint')}>
          <textarea id="cveIds" name="cveIds" rows={8} required placeholder={'CVE-2026-0001\nCVE-2026-0002'}>{props.text ?? ''}</textarea>
        </Field>
        <button type="submit">{t('cve.add_submit')}</button>
      </Form>
      <h2>{t('cve.list_title')}</h2>
      <nav class="filters" aria-label={t('cve.filter_label')}>
        {(['free', 'assigned', 'all'] as const).map((f) => (f === filter
          ? <strong aria-current="page">{t(`cve.filter.${f}`)}</strong>
          : <a href={`/cve-ids?state=${f}`}>{t(`cve.filter.${f}`)}</a>))}
      </nav>
      {shown.length === 0 ? <p>{t('cve.list_empty')}</p> : (
        <table data-testid="cve-id-pool">
          <thead><tr><th>{t('cve.cve_id')}</th><th>{t('common.status')}</th><th>{t('cve.case')}</th><th>{t('cve.when')}</th></tr></thead>
          <tbody>{shown.map((e) => (
            <tr data-state={e.assigned ? 'assigned' : e.usedBy ? 'in_use' : 'free'}>
              <td><code>{e.cveId}</code></td>
              <td>{t(e.assigned ? 'cve.state.assigned' : e.usedBy ? 'cve.state.in_use' : 'cve.state.free')}</td>
              <td>{e.assigned ? <a href={`/cases/${e.assigned.caseId}?tab=advisory`}>{e.assigned.caseTitle}</a>
                : e.usedBy ? <a href={`/cases/${e.usedBy.caseId}?tab=advisory`}>{e.usedBy.caseTitle}</a> : ''}</td>
              <td>{e.assigned ? `${formatDateTime(e.assigned.at, lang)}${e.assigned.by ? ` (${e.assigned.by})` : ''}` : t('cve.reserved_on', { at: formatDateTime(e.reservedAt, lang) })}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

type SectionVulnerability = { id: string; position: number; title: string; cveId: string | null }

/**
 * The case page's CVE part (advisory tab): each vulnerability's CVE ID, a button that gives one
 * without an ID the next free reserved ID, and once the advisory is public its CVE records.
 */
export function CaseCveView(props: { c: Ctx; caseId: string; vulnerabilities: SectionVulnerability[]; free: number; editable: boolean; publicSlug: string | null; error?: unknown }) {
  const { c, caseId, vulnerabilities, free, editable, publicSlug } = props
  const { t } = c.var
  const missing = vulnerabilities.filter((v) => !v.cveId)
  return (
    <section>
      <h2>{t('cve.section_title')}</h2>
      <ErrorBanner c={c} error={props.error} />
      {vulnerabilities.length === 0 ? <p class="meta">{t('cve.no_vulnerabilities')}</p> : (
        <table data-testid="case-cve-ids">
          <thead><tr><th>#</th><th>{t('cve.vulnerability')}</th><th>{t('cve.cve_id')}</th></tr></thead>
          <tbody>{vulnerabilities.map((v) => (
            <tr>
              <td>{v.position}</td><td>{v.title}</td>
              <td>{v.cveId
                ? (publicSlug ? <a href={`/advisories/${publicSlug}/cve/${v.cveId}.json`} download>{v.cveId}</a> : <code>{v.cveId}</code>)
                : editable && free > 0 ? (
                  <form method="post" action={`/cases/${caseId}/cve-ids`} class="inline">
                    <Csrf c={c} />
                    <input type="hidden" name="vulnerabilityId" value={v.id} />
                    <button type="submit">{t('cve.assign_button')}</button>
                  </form>
                ) : t('cve.none')}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {editable && missing.length > 0 && <p class="meta">{free > 0 ? t('cve.pool_free_hint', { n: free }) : t('cve.pool_empty_hint')} <a href="/cve-ids">{t('cve.pool_link')}</a></p>}
      {publicSlug && vulnerabilities.some((v) => v.cveId) && <p class="meta">{t('cve.records_hint')}</p>}
    </section>
  )
}
