import type { Ctx } from '../platform/http/context.js'
import { Form } from '../platform/http/forms.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { ReportDifference } from './frozen-reports.js'

const shown = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v))

/**
 * For administrators, under a finished quarter's report: the report is frozen (computed once),
 * a button computes it again from the event log, and the past recomputations with what changed.
 */
export function RecomputePanel(props: {
  c: Ctx; quarter: string; recomputed?: ReportDifference[] | null
  history: { at: Date; actor: string | null; differences: ReportDifference[] }[]
}) {
  const { c, quarter, recomputed, history } = props
  const { t, lang } = c.var
  return (
    <section class="no-print" aria-labelledby="recompute-heading">
      <h2 id="recompute-heading">{t('statistics.frozen.heading')}</h2>
      {recomputed && <p class="notice" role="status">{recomputed.length === 0
        ? t('statistics.frozen.unchanged')
        : t('statistics.frozen.changed', { count: String(recomputed.length) })}</p>}
      <p>{t('statistics.frozen.explain')}</p>
      <Form c={c} action={`/statistics/${quarter}/recompute`}>
        <Csrf c={c} />
        <button type="submit">{t('statistics.frozen.recompute')}</button>
      </Form>
      {history.length > 0 && (
        <table>
          <caption>{t('statistics.frozen.history')}</caption>
          <thead><tr><th scope="col">{t('statistics.frozen.at')}</th><th scope="col">{t('statistics.frozen.by')}</th><th scope="col">{t('statistics.frozen.differences')}</th></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td>{formatDateTime(h.at, lang)}</td>
                <td>{h.actor ?? t('statistics.frozen.by_system')}</td>
                <td>{h.differences.length === 0 ? t('statistics.frozen.none') : (
                  <ul>{h.differences.slice(0, 50).map((d) => <li><code>{d.path}</code>: {shown(d.before)} → {shown(d.after)}</li>)}
                    {h.differences.length > 50 && <li>{t('statistics.frozen.more', { count: String(h.differences.length - 50) })}</li>}</ul>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
