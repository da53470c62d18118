import { categoryKeys, type Category } from './categories.js'

/** The website lists of DESIGN §4 and §8, ja/en. Keys are stable (stored, counted); labels may change. */

/** 脆弱性の種類 of a website report (DESIGN §8 figure 9). */
export const WEBSITE_VULNERABILITY_TYPES: readonly Category[] = [
  { key: 'xss', ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' },
  { key: 'dns_misconfiguration', ja: 'DNS情報の設定不備', en: 'DNS misconfiguration' },
  { key: 'sql_injection', ja: 'SQLインジェクション', en: 'SQL injection' },
  { key: 'file_exposure', ja: 'ファイルの誤った公開', en: 'Files published by mistake' },
  { key: 'improper_https', ja: 'HTTPSの不適切な利用', en: 'Improper use of HTTPS' },
  { key: 'directory_traversal', ja: 'ディレクトリ・トラバーサル', en: 'Directory traversal' },
  { key: 'http_header_injection', ja: 'HTTPヘッダ・インジェクション', en: 'HTTP header injection' },
  { key: 'session_management', ja: 'セッション管理の不備', en: 'Improper session management' },
  { key: 'authentication', ja: '認証に関する不備', en: 'Authentication flaw' },
  { key: 'other', ja: 'その他', en: 'Other' },
]

/** 想定される影響 of a website report (DESIGN §8 figure 10). */
export const WEBSITE_IMPACTS: readonly Category[] = [
  { key: 'fake_content', ja: '本物サイト上への偽情報の表示', en: 'Fake content shown on the genuine site' },
  { key: 'domain_info_injection', ja: 'ドメイン情報の挿入', en: 'Domain information injection' },
  { key: 'data_tampering', ja: 'データの改ざん、消去', en: 'Data tampering or deletion' },
  { key: 'impersonation', ja: 'なりすまし', en: 'Impersonation' },
  { key: 'personal_info_leak', ja: '個人情報の漏洩', en: 'Personal information leak' },
  { key: 'server_file_leak', ja: 'サーバ内ファイルの漏洩', en: 'Server file leak' },
  { key: 'lowered_security', ja: '利用者のセキュリティレベルの低下', en: "Lowered security of the site's users" },
  { key: 'other', ja: 'その他', en: 'Other' },
]

/** How an operator fixed its site (DESIGN §4: 修正完了 and its kinds). */
export const FIX_TYPES = ['code_fixed', 'workaround', 'page_deleted'] as const
export type FixType = (typeof FIX_TYPES)[number]

/** Website operators' organisation types (DESIGN §4). */
export const ORGANIZATION_TYPES = ['company', 'association', 'local_government', 'individual', 'education', 'government'] as const
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number]

/** Why staff stop handling a case (調整が滞った). */
export const STALL_REASONS = ['operator_unreachable', 'coordination_stopped'] as const
export type StallReason = (typeof STALL_REASONS)[number]

export const websiteTypeKeys = categoryKeys(WEBSITE_VULNERABILITY_TYPES)
export const websiteImpactKeys = categoryKeys(WEBSITE_IMPACTS)

/** A website case's working title for staff lists: the reported host(s). Never public. */
export function websiteTitle(urls: string[]): string {
  const hosts = [...new Set(urls.map((u) => { try { return new URL(u).host } catch { return u } }))]
  return hosts.length > 1 ? `${hosts[0]} (+${hosts.length - 1})` : hosts[0] ?? ''
}
