import { defineMessages } from '../platform/i18n/define.js'

// Titles of the vendor, product and statistics answers (oka) and of the JVNDB feeds.
export const myjvnBMessages = defineMessages(
  {
    'myjvn.b.author': '脆弱性対策情報ポータル',
    'myjvn.b.vendor_list_title': 'JVNDB ベンダ一覧',
    'myjvn.b.product_list_title': 'JVNDB 製品一覧',
    'myjvn.b.statistics_title': 'JVNDB 脆弱性対策統計データ',
    'myjvn.b.feed_new_title': 'JVNDB RSS フィード - 新着情報',
    'myjvn.b.feed_new_description': '脆弱性対策情報データベースの新着情報',
    'myjvn.b.feed_updated_title': 'JVNDB RSS フィード - 更新情報',
    'myjvn.b.feed_updated_description': '脆弱性対策情報データベースの新着・更新情報',
    'myjvn.b.feed_year_title': 'JVNDB RSS フィード - {year} 年',
    'myjvn.b.feed_year_description': '{year} 年に登録された脆弱性対策情報データベースのエントリ（番号の新しい順に最大 {max} 件）',
    'myjvn.b.related_document': '関連文書',
  },
  {
    'myjvn.b.author': 'Vulnerability information portal',
    'myjvn.b.vendor_list_title': 'JVNDB vendor list',
    'myjvn.b.product_list_title': 'JVNDB product list',
    'myjvn.b.statistics_title': 'JVNDB vulnerability statistics',
    'myjvn.b.feed_new_title': 'JVNDB RSS feed - new entries',
    'myjvn.b.feed_new_description': 'New entries of the vulnerability database',
    'myjvn.b.feed_updated_title': 'JVNDB RSS feed - updated entries',
    'myjvn.b.feed_updated_description': 'New and updated entries of the vulnerability database',
    'myjvn.b.feed_year_title': 'JVNDB RSS feed - {year}',
    'myjvn.b.feed_year_description': 'Entries of the vulnerability database registered in {year} (the newest {max} numbers at most)',
    'myjvn.b.related_document': 'Related document',
  },
)
