import { jstDateTime } from '../portal/index.js'
import type { MyJvnContext } from './myjvn-method.js'

/**
 * The head every oka document of the vendor, product and statistics methods starts with
 * (jvnpid_1.0.json, myjvn_statistics_1.0.json): generator, title, link, last update, language,
 * author (this site) and the TLP:CLEAR distribution of public data.
 */
export function okaHeader(ctx: MyJvnContext, title: string, updated: Date | null) {
  return {
    generator: { date: jstDateTime(ctx.now), engine: { version: '4.0.0', name: 'MyJVN API' } },
    title,
    link: `${ctx.baseUrl}/myjvn`,
    updated: jstDateTime(updated ?? ctx.now),
    lang: ctx.lang,
    author: { name: ctx.t('myjvn.b.author'), uri: `${ctx.baseUrl}/` },
    distribution: { tlp: { label: 'CLEAR', url: 'https://www.first.org/tlp/' } },
  }
}
