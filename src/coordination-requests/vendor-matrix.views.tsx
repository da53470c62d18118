import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import { VENDOR_FILTERS, type VendorFilter } from './coordination-requests.schemas.js'
import type { VendorMatrix } from './vendor-matrix.js'
import { VendorAnswerForm } from './vendor-answer.views.js'

type Kase = { id: string; title: string; status: string; source_name: string | null; source_reference: string | null }
export type MatrixNotice = { done: 'added' | 'notified' | 'reminded' | 'answered'; n: number; skipped: number } | null

const FILTER_COUNT: Record<VendorFilter, keyof VendorMatrix['counts']> = {
  all: 'all', not_notified: 'not_notified', no_answer: 'no_answer', affected: 'affected', fixed: 'fixed',
}

/** The vendor matrix: every organisation of a case on one compact, filterable, paginated table, with bulk actions. */
export function VendorMatrixPage(props: { c: Ctx; kase: Kase; matrix: VendorMatrix; organizations: { id: string; name_ja: string; name_en: string }[]; notice: MatrixNotice
  /** A refused "add vendors" submission: why, and what was picked and typed. */
  addVendors?: { error: unknown; values: Record<string, unknown> }
  /** party id → the source note of the answer a coordinator last recorded for it. */
  sources: Map<string, string> }) {
  const { c, kase, matrix: m } = props
  const { t, lang } = c.var
  const base = `/cases/${kase.id}/vendors`
  const href = (filter: VendorFilter, page = 1) => `${base}?filter=${filter}${page > 1 ? `&page=${page}` : ''}`
  return (
    <>
      <p><a href={`/cases/${kase.id}`}>{t('coordination.back_to_case')}</a>
        {kase.source_name && <> · {kase.source_name} {kase.source_reference ?? ''}</>}
        {' · '}<span class="status" data-status={kase.status}>{t(`case.status.${kase.status}`)}</span></p>
      {props.notice && <p class="notice" role="status">{t(`coordination_requests.notice.${props.notice.done}`, { n: props.notice.n, skipped: props.notice.skipped })}</p>}

      <nav aria-label={t('coordination_requests.filters')} data-testid="vendor-counts">
        {VENDOR_FILTERS.map((f) => (
          <>{' '}<a href={href(f)} aria-current={m.filter === f ? 'page' : undefined} data-filter={f}>
            {m.filter === f ? <strong>{t(`coordination_requests.filter.${f}`)} ({m.counts[FILTER_COUNT[f]]})</strong> : <>{t(`coordination_requests.filter.${f}`)} ({m.counts[FILTER_COUNT[f]]})</>}
          </a>{' '}·</>
        ))}
        {' '}{t('coordination_requests.with_statement', { n: m.counts.withStatement, total: m.counts.all })}
      </nav>

      <div class="cards">
        <form method="post" action={`${base}/notify`} class="stack card">
          <Csrf c={c} />
          <p>{t('coordination_requests.notify_all_hint', { n: m.counts.notifiableNow, without: m.counts.not_notified - m.counts.notifiableNow })}</p>
          <button type="submit" disabled={m.counts.notifiableNow === 0}>{t('coordination_requests.notify_all', { n: m.counts.notifiableNow })}</button>
        </form>
        <form method="post" action={`${base}/remind`} class="stack card">
          <Csrf c={c} />
          <p>{t('coordination_requests.remind_all_hint')}</p>
          <button type="submit" class="secondary" disabled={m.counts.no_answer === 0}>{t('coordination_requests.remind_all', { n: m.counts.no_answer })}</button>
        </form>
      </div>

      {m.rows.length === 0 ? <p class="meta">{t('coordination_requests.matrix_empty')}</p> : (
        <table class="matrix" data-testid="vendor-matrix">
          <thead><tr>
            <th>{t('coordination_requests.organization')}</th><th>{t('common.status')}</th><th>{t('coordination.notified_at')}</th>
            <th>{t('coordination_requests.last_contact')}</th><th>{t('coordination.response')}</th><th>{t('coordination_requests.statement')}</th>
            <th>{t('coordination_requests.answer.column')}</th>
            {m.vulnerabilities.map((v) => <th title={`${lang === 'ja' ? v.title_ja : v.title_en}${v.cve_id ? ` (${v.cve_id})` : ''}`}>#{v.position}{v.cve_id && <><br /><small>{v.cve_id}</small></>}</th>)}
          </tr></thead>
          <tbody>{m.rows.map((r) => (
            <tr data-party={r.partyId}>
              <td><a href={`/organizations/${r.organizationId}`}>{lang === 'ja' ? r.name.ja : r.name.en}</a>{!r.hasContact && <> <small class="meta">({t('coordination_requests.no_contact')})</small></>}</td>
              <td>{t(`party.status.${r.status}`)}</td>
              <td>{formatDate(r.notifiedAt, lang)}</td>
              <td>{formatDate(r.lastContactAt, lang)}</td>
              <td>{r.response ? t(`coordination.response.${r.response}`) : '—'}</td>
              <td>{r.hasStatement ? t('common.yes') : '—'}</td>
              <td>
                {props.sources.has(r.partyId) && <small class="meta" data-testid="answer-source">{t('coordination_requests.answer.recorded_from', { source: props.sources.get(r.partyId)! })}</small>}
                {r.notifiedAt && <VendorAnswerForm c={c} caseId={kase.id} partyId={r.partyId} vulnerabilities={m.vulnerabilities} />}
              </td>
              {m.vulnerabilities.map((v) => <td data-status={r.statuses[v.id] ?? 'unknown'}>{t(`vuln.status.${r.statuses[v.id] ?? 'unknown'}`)}</td>)}
            </tr>
          ))}</tbody>
        </table>
      )}
      {m.pages > 1 && (
        <nav aria-label={t('coordination_requests.pages')}>
          {m.page > 1 && <a href={href(m.filter, m.page - 1)} rel="prev">{t('coordination_requests.previous')}</a>}
          {' '}{t('coordination_requests.page_of', { page: m.page, pages: m.pages, total: m.total })}{' '}
          {m.page < m.pages && <a href={href(m.filter, m.page + 1)} rel="next">{t('coordination_requests.next')}</a>}
        </nav>
      )}

      <AddVendorsForm c={c} action={base} organizations={props.organizations} {...props.addVendors} />
    </>
  )
}

function AddVendorsForm(props: { c: Ctx; action: string; organizations: { id: string; name_ja: string; name_en: string }[]; error?: unknown; values?: Record<string, unknown> }) {
  const { c } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const picked = new Set((Array.isArray(v.organizationId) ? v.organizationId : [v.organizationId]).filter((id): id is string => typeof id === 'string' && id.trim() !== ''))
  // The submission lists the picked organisations first, then one per typed line (vendorsFromForm):
  // `organizations.3.contact.email` is the picker's when 3 < picked, else a typed line's.
  const typedLines = String(v.newOrganizations ?? '').split(/\r?\n/).filter((l) => l.trim()).length
  const pickedNames = ['organizations', ...Array.from({ length: picked.size }, (_, i) => `organizations.${i}`)]
  const typedNames = Array.from({ length: typedLines }, (_, i) => `organizations.${picked.size + i}`)
  return (
    <Form c={c} error={props.error} action={props.action} class="stack">
      <Csrf c={c} />
      <h2>{t('coordination_requests.add_vendors')}</h2>
      {props.organizations.length > 0 && (
        <Field label={t('coordination_requests.pick_organizations')} name="organizationId" names={pickedNames}>
          <select id="organizationId" name="organizationId" multiple size={Math.min(12, props.organizations.length)}>
            {props.organizations.map((o) => <option value={o.id} selected={picked.has(o.id)}>{lang === 'ja' ? o.name_ja : o.name_en}</option>)}
          </select>
        </Field>
      )}
      <Field label={t('coordination_requests.new_organizations')} name="newOrganizations" names={[...typedNames, 'organizations']} hint={t('coordination_requests.new_organizations_hint')}>
        <textarea id="newOrganizations" name="newOrganizations" maxlength={100000} placeholder={'サンプル電機株式会社 | Sample Electric Co. | psirt@sample.example'}>{String(v.newOrganizations ?? '')}</textarea>
      </Field>
      <button type="submit">{t('coordination_requests.add_vendors_button')}</button>
    </Form>
  )
}
