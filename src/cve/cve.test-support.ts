import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { PublicAdvisory } from '../advisories/index.js'

const fixture = (path: string) => new URL(`../../test/fixtures/cve/${path}`, import.meta.url)

/** A real CVE record of JPCERT/CC from the fixtures (CVEProject/cvelistV5). */
export const jpcertRecord = (cveId: string) => JSON.parse(readFileSync(fixture(`jpcert-records/${cveId}.json`), 'utf8')) as Record<string, any>

let validator: ValidateFunction | undefined
/**
 * The official CVE Record Format 5.1.1 (bundled, draft-07) as ajv checks it — `strict: false`
 * for the schema's own extra keywords, ajv-formats for `uri` and `date-time`. Returns the problems.
 */
export function cveSchemaProblems(record: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    validator = ajv.compile(JSON.parse(readFileSync(fixture('CVE_JSON_bundled_5.1.1.json'), 'utf8')) as object)
  }
  return validator(record) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '(record)'} ${e.message} ${JSON.stringify(e.params)}`)
}

/** A published advisory as the portal presents it, with every optional field filled; `overrides` empties or changes parts. */
export function publicAdvisory(overrides: Partial<PublicAdvisory> = {}): PublicAdvisory {
  const both = (ja: string, en: string) => ({ ja, en })
  return {
    identifier: 'JVN#12345678',
    jvndbId: 'JVNDB-2026-000042',
    path: '/advisories/JVN12345678',
    publishedAt: new Date('2026-04-01T03:00:00Z'),
    modifiedAt: new Date('2026-04-10T03:00:00Z'),
    title: both('WR-1000 における複数の脆弱性', 'Multiple vulnerabilities in WR-1000'),
    overview: both('サンプル電機株式会社が提供する WR-1000 には、複数の脆弱性が存在します。', 'WR-1000 provided by Sample Electric contains multiple vulnerabilities.'),
    description: both('管理画面に不備があります。', 'The admin interface has flaws.'),
    impact: both('任意のスクリプトが実行される可能性があります。', 'An arbitrary script may be executed.'),
    solution: both('アップデートしてください。', 'Update the firmware.'),
    affectedProducts: [
      { developer: both('サンプル電機株式会社', 'Sample Electric Co., Ltd.'), product: both('WR-1000', 'WR-1000'), versions: both('1.2.3 およびそれ以前', '1.2.3 and earlier'), cpe: 'cpe:/h:sample:wr-1000' },
      { developer: both('見本工業', 'Mihon Industries'), product: both('MH-20', 'MH-20'), versions: both('', ''), cpe: 'cpe:2.3:h:mihon:mh-20:*:*:*:*:*:*:*:*' },
    ],
    references: [
      { title: 'Sample Electric security notice', url: 'https://sample.example/security/2026-001' },
      { title: 'CWE-79', url: 'https://cwe.mitre.org/data/definitions/79.html' },
    ],
    credits: ['Taro Yamada', '山田 花子'],
    vendorStatements: [{ developer: both('サンプル電機株式会社', 'Sample Electric Co., Ltd.'), statement: both('修正版を公開しました。', 'Fixed.') }],
    vulnerabilities: [
      {
        title: both('管理画面におけるクロスサイト・スクリプティング', 'Cross-site scripting in the admin page'), cveId: 'CVE-2026-10001', cweId: 'CWE-79',
        cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', score: 6.1, severity: 'medium' },
        cvss40: { vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', score: 5.1, severity: 'medium' },
      },
      { title: both('OS コマンドインジェクション', 'OS command injection'), cveId: 'CVE-2026-10002', cweId: 'CWE-78', cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2, severity: 'high' }, cvss40: null },
    ],
    severity: 'high',
    revisions: [{ revisedAt: new Date('2026-04-10T03:00:00Z'), note: both('CVSS を更新', 'CVSS updated') }],
    ...overrides,
  }
}
