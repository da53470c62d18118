import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime, tokyoDate } from '../platform/i18n/index.js'
import { PRODUCT_TYPES } from '../cases/categories.js'
import type { CoordinationRequestRow } from './coordination-requests.usecases.js'

/** Sources the programme hears from most; the field stays free text. */
const KNOWN_SOURCES = ['CERT/CC', 'CISA', 'NCSC-NL', 'NCSC-FI', 'CERT-Bund', 'KrCERT/CC', 'TWCERT/CC', 'CERT-EU']

export function CoordinationRequestList(props: { c: Ctx; requests: CoordinationRequestRow[] }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/coordination-requests/new">{t('coordination_requests.new_title')}</a></p>
      {props.requests.length === 0 ? <p>{t('coordination_requests.list_empty')}</p> : (
        <table data-testid="coordination-requests">
          <thead><tr>
            <th>{t('coordination_requests.source')}</th><th>{t('coordination_requests.reference')}</th><th>{t('coordination_requests.title')}</th>
            <th>{t('common.status')}</th><th>{t('coordination_requests.received_on')}</th><th>{t('coordination_requests.agreed_publication')}</th>
            <th>{t('coordination_requests.vendors_progress')}</th>
          </tr></thead>
          <tbody>{props.requests.map((r) => (
            <tr>
              <td>{r.source_name ?? ''}</td><td>{r.source_reference ?? ''}</td><td><a href={`/cases/${r.id}`}>{r.title}</a></td>
              <td>{t(`case.status.${r.status}`)}</td><td>{formatDate(r.received_on, lang)}</td><td>{formatDateTime(r.agreed_publication_at, lang)}</td>
              <td><a href={`/cases/${r.id}/vendors`}>{t('coordination_requests.progress', { vendors: Number(r.vendors), notified: Number(r.notified), answered: Number(r.answered) })}</a></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

type FormValues = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const nth = (v: unknown, i: number) => (Array.isArray(v) ? str(v[i]) : i === 0 ? str(v) : '')

/** The form a coordinator fills from a CSIRT's or vendor's request; rows for vulnerabilities come as parallel columns. */
export function CoordinationRequestForm(props: { c: Ctx; values?: FormValues; error?: unknown; rows: number }) {
  const { c } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const rows = Math.max(props.rows, Array.isArray(v.vulnTitleJa) ? v.vulnTitleJa.length : 1)
  // Empty rows drop out before validation (requestFromForm): an error's `vulnerabilities.1` is the second filled row.
  const columns = ['vulnTitleJa', 'vulnTitleEn', 'vulnCveId', 'vulnCweId', 'vulnCvss31Vector', 'vulnCvss40Vector']
  const filled = Array.from({ length: rows }, (_, i) => i).filter((i) => columns.some((k) => nth(v[k], i).trim() !== ''))
  const cell = (i: number, field: string) => {
    const n = filled.indexOf(i)
    return { id: `vuln-${i + 1}-${field.replace('.', '-')}`, 'data-field': n < 0 ? undefined : `vulnerabilities.${n}.${field}` }
  }
  return (
    <Form c={c} error={props.error} action="/coordination-requests" class="stack">
      <Csrf c={c} />
      <p class="hint">{t('coordination_requests.form_intro')}</p>
      <Field label={t('coordination_requests.source')} name="sourceName" required hint={t('coordination_requests.source_hint')}>
        <input id="sourceName" name="sourceName" list="known-sources" required maxlength={200} value={str(v.sourceName)} />
        <datalist id="known-sources">{KNOWN_SOURCES.map((s) => <option value={s} />)}</datalist>
      </Field>
      <Field label={t('coordination_requests.reference')} name="sourceReference" required hint={t('coordination_requests.reference_hint')}>
        <input id="sourceReference" name="sourceReference" required maxlength={100} value={str(v.sourceReference)} placeholder="VU#123456" />
      </Field>
      <Field label={t('coordination_requests.received_on')} name="receivedOn" required>
        <input id="receivedOn" name="receivedOn" type="date" required value={str(v.receivedOn) || tokyoDate(c.var.deps.clock.now())} />
      </Field>
      <Field label={t('coordination_requests.title')} name="title" required>
        <input id="title" name="title" required maxlength={300} value={str(v.title)} />
      </Field>
      <Field label={t('coordination_requests.summary')} name="summary" required hint={t('coordination_requests.summary_hint')}>
        <textarea id="summary" name="summary" required maxlength={20000}>{str(v.summary)}</textarea>
      </Field>
      <Field label={t('coordination_requests.agreed_publication')} name="agreedPublicationAt" hint={t('coordination_requests.agreed_publication_hint')}>
        <input id="agreedPublicationAt" name="agreedPublicationAt" type="datetime-local" value={str(v.agreedPublicationAt)} />
      </Field>
      <Field label={t('intake.product_type')} name="productType">
        <select id="productType" name="productType"><option value="">—</option>
          {PRODUCT_TYPES.map((p) => <option value={p.key} selected={v.productType === p.key}>{p[lang]}</option>)}</select>
      </Field>
      <Field label={t('cases.section.vulnerabilities')} name="vulnerabilities" group>
        <p class="hint">{t('coordination_requests.vulnerabilities_hint')}</p>
        <table>
          <thead><tr><th>#</th><th>{t('coordination_requests.vuln_title_ja')}</th><th>{t('coordination_requests.vuln_title_en')}</th><th>CVE</th><th>CWE</th><th>CVSS v3.1</th><th>CVSS v4.0</th></tr></thead>
          <tbody>{Array.from({ length: rows }, (_, i) => (
            <tr>
              <td>{i + 1}</td>
              <td><input name="vulnTitleJa" {...cell(i, 'title.ja')} maxlength={300} aria-label={`${t('coordination_requests.vuln_title_ja')} ${i + 1}`} value={nth(v.vulnTitleJa, i)} /></td>
              <td><input name="vulnTitleEn" {...cell(i, 'title.en')} maxlength={300} aria-label={`${t('coordination_requests.vuln_title_en')} ${i + 1}`} value={nth(v.vulnTitleEn, i)} /></td>
              <td><input name="vulnCveId" {...cell(i, 'cveId')} maxlength={30} placeholder="CVE-2026-0000" aria-label={`CVE ${i + 1}`} value={nth(v.vulnCveId, i)} /></td>
              <td><input name="vulnCweId" {...cell(i, 'cweId')} maxlength={20} placeholder="CWE-79" aria-label={`CWE ${i + 1}`} value={nth(v.vulnCweId, i)} /></td>
              <td><input name="vulnCvss31Vector" {...cell(i, 'cvss31Vector')} maxlength={200} aria-label={`CVSS v3.1 ${i + 1}`} value={nth(v.vulnCvss31Vector, i)} /></td>
              <td><input name="vulnCvss40Vector" {...cell(i, 'cvss40Vector')} maxlength={200} aria-label={`CVSS v4.0 ${i + 1}`} value={nth(v.vulnCvss40Vector, i)} /></td>
            </tr>
          ))}</tbody>
        </table>
        <input type="hidden" name="rows" value={String(rows)} />
        <p><button type="submit" name="moreRows" value="1" class="secondary" formnovalidate>{t('coordination_requests.more_rows')}</button></p>
      </Field>
      <button type="submit">{t('coordination_requests.open_case')}</button>
    </Form>
  )
}
