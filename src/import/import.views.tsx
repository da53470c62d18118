import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import type { ImportSummary } from './import.usecases.js'

/** The result of one import: the counts, then each record that could not be read, with its reason. */
export function ImportResult(props: { c: Ctx; summary: ImportSummary }) {
  const { t } = props.c.var
  const s = props.summary
  const counts = [['read', s.read], ['added', s.added], ['updated', s.updated], ['unchanged', s.unchanged], ['older', s.older], ['skipped', s.skipped]] as const
  return (
    <section aria-labelledby="import-result" data-import-result>
      <h2 id="import-result">{t('import.result_title')}</h2>
      <dl class="facts">
        {counts.map(([key, n]) => <><dt>{t(`import.${key}`)}</dt><dd data-count={key}>{n}</dd></>)}
        <dt>{t('import.bad_records')}</dt><dd data-count="bad">{s.badCount}</dd>
      </dl>
      {s.bad.length > 0 && (
        <ul class="bad-records">
          {s.bad.map((b) => <li><code>{b.record}</code>: {b.reason}</li>)}
          {s.badCount > s.bad.length && <li>{t('import.bad_more', { count: s.badCount - s.bad.length })}</li>}
        </ul>
      )}
    </section>
  )
}

/** The administrator's upload form, with the last result below it. */
export function ImportPage(props: { c: Ctx; error?: unknown; summary?: ImportSummary }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <p>{t('import.intro')}</p>
      <Form c={c} error={props.error} action="/admin/import" enctype="multipart/form-data" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('import.file')} name="file" hint={t('import.file_hint')} required>
          <input type="file" id="file" name="file" accept=".json,.xml,.rdf,.zip,application/json,application/xml,application/zip" required />
        </Field>
        <button type="submit">{t('import.submit')}</button>
      </Form>
      <p class="meta">{t('import.cli_hint')}</p>
      {props.summary && <ImportResult c={c} summary={props.summary} />}
    </>
  )
}
