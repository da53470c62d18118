/**
 * Generated vulnerability entries for the benchmarks (issue 12): N realistic, varied CVE JSON 5
 * records (schema 5.1) written as a cvelistV5-like tree, `cves/<year>/<n>xxx/CVE-<year>-<n>.json`,
 * which `npm run import` reads like a cvelistV5 checkout. Each record has an English and a
 * Japanese description (so both languages are searchable), a vendor, product and versions, a
 * CWE, a CVSS 3.1 vector (and a 4.0 vector for a third), references and credits, drawn from a
 * seeded generator: the same N gives the same files.
 *
 * Exactly the entries with `i % 4 === 0` contain COMMON_WORD (a quarter: the "broad" search);
 * no other word list contains it. Use from a benchmark:
 *
 *   import { writeGeneratedEntries, COMMON_WORD } from './generated-entries.js'
 *   const { dir, files } = await writeGeneratedEntries(tmpDir, 200_000)
 *   // then: npm run import -- <dir>
 *
 * or `npx tsx bench/generated-entries.ts DIR [N]`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const COMMON_WORD = 'ファームウェア'

const VENDORS_JA = ['山田電機', 'さくらネットワークス', '東都ソフト', '北斗システム', 'ひかり通信', 'みなと情報技術', '青葉テック', '富嶽工業', '大和データ', '白鷺ソリューションズ', '紅葉ラボ', '銀河コンピュータ', '瑞穂メディカル', '翔鶴ロボティクス', '若葉ウェブ']
const VENDORS_EN = ['Yamada Electric', 'Sakura Networks', 'Toto Soft', 'Hokuto Systems', 'Hikari Telecom', 'Minato IT', 'Aoba Tech', 'Fugaku Industries', 'Yamato Data', 'Shirasagi Solutions', 'Momiji Labs', 'Ginga Computer', 'Mizuho Medical', 'Shokaku Robotics', 'Wakaba Web']
const PRODUCTS = [
  ['無線LANルータ', 'wireless LAN router'], ['ネットワークカメラ', 'network camera'], ['グループウェア', 'groupware'], ['ウェブメール', 'webmail'],
  ['複合機', 'multifunction printer'], ['業務ポータル', 'business portal'], ['会計ソフト', 'accounting software'], ['電子カルテ', 'electronic medical record system'],
  ['スマートフォンアプリ', 'smartphone app'], ['ファイル共有サーバ', 'file sharing server'], ['産業用制御装置', 'industrial controller'], ['監視カメラ録画装置', 'surveillance video recorder'],
  ['オンライン予約システム', 'online booking system'], ['学習管理システム', 'learning management system'], ['家庭用蓄電池', 'home storage battery'], ['ビデオ会議ツール', 'video conferencing tool'],
] as const
const FLAWS = [
  ['クロスサイトスクリプティング', 'cross-site scripting', 'CWE-79', '当該製品にアクセスしたユーザのウェブブラウザ上で、任意のスクリプトを実行される', 'an arbitrary script may be executed on the web browser of a user'],
  ['SQLインジェクション', 'SQL injection', 'CWE-89', 'データベース内の情報を窃取、改ざんされる', 'information in the database may be stolen or altered'],
  ['OSコマンドインジェクション', 'OS command injection', 'CWE-78', '任意のOSコマンドを実行される', 'an arbitrary OS command may be executed'],
  ['パストラバーサル', 'path traversal', 'CWE-22', 'サーバ上の任意のファイルを読み取られる', 'arbitrary files on the server may be read'],
  ['クロスサイトリクエストフォージェリ', 'cross-site request forgery', 'CWE-352', 'ログイン中のユーザが意図しない操作をさせられる', 'a logged-in user may be made to perform unintended operations'],
  ['認証の欠如', 'missing authentication', 'CWE-306', '認証なしに設定を変更される', 'settings may be changed without authentication'],
  ['ハードコードされた認証情報', 'hard-coded credentials', 'CWE-798', '管理者権限でログインされる', 'an attacker may log in with administrative privileges'],
  ['バッファオーバーフロー', 'buffer overflow', 'CWE-120', 'サービス運用妨害 (DoS) 状態にされる', 'a denial-of-service (DoS) condition may be caused'],
  ['オープンリダイレクト', 'open redirect', 'CWE-601', '任意のウェブサイトにリダイレクトされる', 'a user may be redirected to an arbitrary website'],
  ['不適切なアクセス制御', 'improper access control', 'CWE-284', '権限のない情報を閲覧される', 'unauthorised information may be viewed'],
  ['XML外部実体参照', 'XML external entity reference', 'CWE-611', '内部ファイルの内容を取得される', 'the contents of internal files may be obtained'],
  ['安全でないデシリアライゼーション', 'insecure deserialization', 'CWE-502', '任意のコードを実行される', 'arbitrary code may be executed'],
] as const
const PLACES_JA = ['管理画面', 'ログイン処理', 'ファイルアップロード機能', '検索機能', 'API', '設定インポート機能', 'ヘルプページ', 'プロフィール編集画面', '通知機能', 'バックアップ機能']
const PLACES_EN = ['management console', 'login handler', 'file upload feature', 'search feature', 'API', 'settings import', 'help page', 'profile editor', 'notification feature', 'backup feature']
const FINDERS = ['佐藤 一郎', '鈴木 花子', 'Alex Chen', '高橋 健', 'Maria Rossi', '田中 美咲', 'Jonas Weber', '伊藤 翼']

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const V31 = [['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'], ['C', 'HLN'], ['I', 'HLN'], ['A', 'HLN']] as const
const V40 = [['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'], ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN']] as const

/** The i-th generated record (0-based) and its id. */
export function generatedRecord(i: number): { cveId: string; year: number; record: Record<string, unknown> } {
  const r = rng(i * 2654435761 + 17)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const year = 2005 + (i % 21)
  const cveId = `CVE-${year}-${10000 + Math.floor(i / 21)}`
  const v = Math.floor(r() * VENDORS_JA.length)
  const [productJa, productEn] = pick(PRODUCTS)
  const model = `${String.fromCharCode(65 + Math.floor(r() * 26))}${String.fromCharCode(65 + Math.floor(r() * 26))}-${Math.floor(r() * 9000 + 100)}`
  const [flawJa, flawEn, cwe, impactJa, impactEn] = pick(FLAWS)
  const p = Math.floor(r() * PLACES_JA.length)
  const major = 1 + Math.floor(r() * 9)
  const fixed = `${major}.${Math.floor(r() * 10)}.${Math.floor(r() * 20)}`
  const common = i % 4 === 0
  const ja = `${VENDORS_JA[v]}が提供する${productJa} ${model}の${PLACES_JA[p]}には、${flawJa}の脆弱性が存在します。` +
    (common ? `${COMMON_WORD}を最新版に更新してください。` : '開発者が提供する最新版に更新してください。') +
    `\n想定される影響: ${impactJa}。`
  const en = `The ${PLACES_EN[p]} of ${VENDORS_EN[v]} ${productEn} ${model} contains a ${flawEn} vulnerability (${cwe}). ${impactEn[0]!.toUpperCase()}${impactEn.slice(1)}. Update to version ${fixed} or later.`
  const vector31 = 'CVSS:3.1/' + V31.map(([m, vals]) => `${m}:${vals[Math.floor(r() * vals.length)]}`).join('/')
  const vector40 = 'CVSS:4.0/' + V40.map(([m, vals]) => `${m}:${vals[Math.floor(r() * vals.length)]}`).join('/')
  const published = new Date(Date.UTC(year, Math.floor(r() * 12), 1 + Math.floor(r() * 28), Math.floor(r() * 24), Math.floor(r() * 60)))
  const updated = new Date(published.getTime() + Math.floor(r() * 400) * 86_400_000)
  const record = {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId, assignerOrgId: 'ede6fdc4-6654-4307-a26d-3331c018e2ce', assignerShortName: 'jpcert', state: 'PUBLISHED',
      dateReserved: published.toISOString(), datePublished: published.toISOString(), dateUpdated: updated.toISOString(),
    },
    containers: {
      cna: {
        providerMetadata: { orgId: 'ede6fdc4-6654-4307-a26d-3331c018e2ce', shortName: 'jpcert', dateUpdated: updated.toISOString() },
        descriptions: [{ lang: 'en', value: en }, { lang: 'ja', value: ja }],
        affected: [{ vendor: VENDORS_EN[v], product: `${productEn} ${model}`, versions: [{ version: '0', lessThan: fixed, status: 'affected', versionType: 'custom' }] }],
        problemTypes: [{ descriptions: [{ lang: 'en', type: 'CWE', cweId: cwe, description: `${flawEn} (${cwe})` }] }],
        metrics: [
          { format: 'CVSS', scenarios: [{ lang: 'en', value: 'GENERAL' }], cvssV3_1: { version: '3.1', vectorString: vector31, baseScore: 0, baseSeverity: 'NONE' } },
          ...(i % 3 === 0 ? [{ format: 'CVSS', scenarios: [{ lang: 'en', value: 'GENERAL' }], cvssV4_0: { version: '4.0', vectorString: vector40, baseScore: 0, baseSeverity: 'NONE' } }] : []),
        ],
        references: [
          { url: `https://jvn.jp/jp/JVN${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}/` },
          { url: `https://example.com/${VENDORS_EN[v]!.toLowerCase().replace(/ /g, '-')}/security/${cveId.toLowerCase()}` },
        ],
        credits: r() < 0.5 ? [{ lang: 'en', value: pick(FINDERS), type: 'finder' }] : [],
      },
    },
  }
  return { cveId, year, record }
}

/** Writes records 0..n-1 under `dir` (cvelistV5 layout). Returns how many files were written. */
export async function writeGeneratedEntries(dir: string, n: number, onProgress?: (done: number) => void): Promise<{ dir: string; files: number }> {
  const made = new Map<string, Promise<unknown>>()
  const PARALLEL = 64
  for (let start = 0; start < n; start += PARALLEL) {
    const jobs: Array<Promise<void>> = []
    for (let i = start; i < Math.min(n, start + PARALLEL); i++) {
      const { cveId, year, record } = generatedRecord(i)
      const num = Number(cveId.split('-')[2])
      const folder = join(dir, 'cves', String(year), `${Math.floor(num / 1000)}xxx`)
      jobs.push((async () => {
        if (!made.has(folder)) made.set(folder, mkdir(folder, { recursive: true }))
        await made.get(folder)
        await writeFile(join(folder, `${cveId}.json`), JSON.stringify(record))
      })())
    }
    await Promise.all(jobs)
    if (onProgress && start % 10_000 === 0) onProgress(start)
  }
  return { dir, files: n }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2]
  if (!dir) {
    process.stderr.write('usage: npx tsx bench/generated-entries.ts DIR [N]\n')
    process.exit(2)
  }
  const n = Number(process.argv[3] ?? 200_000)
  const t0 = performance.now()
  await writeGeneratedEntries(dir, n)
  process.stdout.write(`${n} records written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
}
