/** A complete, valid product report as the API takes it. */
export const productReport = (overrides: Record<string, unknown> = {}) => ({
  productName: 'サンプルルータ WR-1000',
  productVersion: '1.0.0 〜 1.2.3',
  developerName: 'サンプル電機株式会社',
  productType: 'router',
  description: '管理画面にクロスサイト・スクリプティングの脆弱性があります。',
  reproduction: '1. 管理画面にログイン\n2. /setup?name=<script>alert(1)</script> を開く',
  impact: '管理者のブラウザ上で任意のスクリプトが実行される可能性があります。',
  discoveryMethod: '自宅ルータの検証中に発見',
  alreadyPublic: 'no',
  exploited: 'no',
  developerContacted: 'no',
  finderName: '山田 太郎',
  finderEmail: 'finder@example.test',
  consentShareIdentity: true,
  consentCredit: true,
  creditName: 'Taro Yamada',
  locale: 'ja',
  ...overrides,
})

/** The same report as browser form fields: checkboxes are 'on' or absent. */
export function productReportForm(overrides: Record<string, unknown> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(productReport(overrides))) {
    if (v === true) out[k] = 'on'
    else if (typeof v === 'string') out[k] = v
  }
  return out
}

/** A complete, valid website report as the API takes it. */
export const websiteReport = (overrides: Record<string, unknown> = {}) => ({
  urls: ['https://www.city.sample.lg.jp/search?q=test'],
  operatorName: 'サンプル市',
  vulnerabilityType: 'xss',
  impact: 'fake_content',
  description: '検索ページにクロスサイト・スクリプティングの脆弱性があります。',
  reproduction: '/search?q=<script>alert(1)</script> を開くとスクリプトが実行されます。',
  finderName: '佐藤 花子',
  finderEmail: 'web-finder@example.test',
  consentShareIdentity: false,
  locale: 'ja',
  ...overrides,
})
