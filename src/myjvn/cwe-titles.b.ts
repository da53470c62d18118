/**
 * Titles of the weaknesses JVN iPedia counts most, in its own Japanese words and in English
 * (getStatistics `sumCwe` titles both). A CWE not listed here is titled by its identifier.
 */
const TITLES: Readonly<Record<string, readonly [ja: string, en: string]>> = {
  'CWE-20': ['不適切な入力確認', 'Improper Input Validation'],
  'CWE-22': ['パス・トラバーサル', 'Path Traversal'],
  'CWE-59': ['リンク解釈の問題', 'Link Following'],
  'CWE-77': ['コマンドインジェクション', 'Command Injection'],
  'CWE-78': ['OSコマンドインジェクション', 'OS Command Injection'],
  'CWE-79': ['クロスサイトスクリプティング', 'Cross-site Scripting'],
  'CWE-89': ['SQLインジェクション', 'SQL Injection'],
  'CWE-94': ['コード・インジェクション', 'Code Injection'],
  'CWE-119': ['バッファエラー', 'Buffer Errors'],
  'CWE-120': ['古典的バッファオーバーフロー', 'Classic Buffer Overflow'],
  'CWE-125': ['境界外読み取り', 'Out-of-bounds Read'],
  'CWE-190': ['整数オーバーフローまたはラップアラウンド', 'Integer Overflow or Wraparound'],
  'CWE-200': ['情報漏えい', 'Information Exposure'],
  'CWE-264': ['認可・権限・アクセス制御', 'Permissions, Privileges, and Access Controls'],
  'CWE-269': ['不適切な権限管理', 'Improper Privilege Management'],
  'CWE-284': ['不適切なアクセス制御', 'Improper Access Control'],
  'CWE-287': ['不適切な認証', 'Improper Authentication'],
  'CWE-306': ['重要な機能に対する認証の欠如', 'Missing Authentication for Critical Function'],
  'CWE-310': ['暗号の問題', 'Cryptographic Issues'],
  'CWE-311': ['重要なデータの暗号化の欠如', 'Missing Encryption of Sensitive Data'],
  'CWE-319': ['重要な情報の平文での送信', 'Cleartext Transmission of Sensitive Information'],
  'CWE-352': ['クロスサイトリクエストフォージェリ', 'Cross-Site Request Forgery (CSRF)'],
  'CWE-362': ['競合状態', 'Race Condition'],
  'CWE-400': ['リソースの枯渇', 'Uncontrolled Resource Consumption'],
  'CWE-416': ['解放済みメモリの使用', 'Use After Free'],
  'CWE-434': ['危険なタイプのファイルの無制限アップロード', 'Unrestricted Upload of File with Dangerous Type'],
  'CWE-476': ['NULL ポインタデリファレンス', 'NULL Pointer Dereference'],
  'CWE-502': ['信頼できないデータのデシリアライゼーション', 'Deserialization of Untrusted Data'],
  'CWE-601': ['オープンリダイレクト', 'Open Redirect'],
  'CWE-611': ['XML 外部エンティティ参照の不適切な制限', 'Improper Restriction of XML External Entity Reference'],
  'CWE-787': ['境界外書き込み', 'Out-of-bounds Write'],
  'CWE-798': ['ハードコードされた認証情報の使用', 'Use of Hard-coded Credentials'],
  'CWE-862': ['認可の欠如', 'Missing Authorization'],
  'CWE-863': ['不正な認可', 'Incorrect Authorization'],
  'CWE-918': ['サーバサイドリクエストフォージェリ', 'Server-Side Request Forgery (SSRF)'],
}

export function cweTitles(cweId: string): { ja: string; en: string } {
  const t = TITLES[cweId]
  return t ? { ja: t[0], en: t[1] } : { ja: cweId, en: cweId }
}
