import { defineMessages } from '../platform/i18n/define.js'

/** The guides' shared words: navigation, the index page, the frame every guide page has. */
export const guidesMessages = defineMessages(
  {
    'nav.guides': 'ガイド',
    'nav.guides_effect': 'ガイドの効果測定',
    'nav.guides_statements': '製品の公開ステートメント',
    'nav.guides_channels': '広報チャネルと QR コード',
    'nav.guides_subscribers': '更新通知の登録者',
    'guides.index_title': '製品開発者・利用者向けガイド',
    'guides.history.summary': '最終更新 {date}（更新履歴）',
    'guides.index_intro': '製品を出荷する前に脆弱性を減らし、利用者が安全な製品を選べるように、製品開発者向けのチェックリストと利用者向けのガイドを公開しています。アカウントは不要です。',
    'guides.index_developers': '製品開発者の方へ',
    'guides.index_developers_text': '12 項目のチェックリストで、自社の取り組みを 3 段階で確かめ、結果を印刷・保存・公開できます。',
    'guides.index_statements': '製品の公開ステートメント（製品開発者のアカウントで作成）',
    'guides.index_statements_text': 'サポート期間・問い合わせ先・アップデートの方法を製品ごとに公開し、パッケージや取扱説明書から案内できます。',
    'guides.index_consumers': '製品を購入・利用する方へ',
    'guides.index_consumers_text': 'ネットにつながる製品を選ぶときに確かめたいことと、安全に使うためのポイントです。',
  },
  {
    'nav.guides': 'Guides',
    'nav.guides_effect': 'Guide effect',
    'nav.guides_statements': 'Product statements',
    'nav.guides_channels': 'Outreach channels and QR codes',
    'nav.guides_subscribers': 'Update-notice subscribers',
    'guides.index_title': 'Guides for developers and consumers',
    'guides.history.summary': 'Last changed {date} (what changed)',
    'guides.index_intro': 'A checklist for product developers, to remove vulnerabilities before a product ships, and guides that help consumers choose and use connected products safely. No account needed.',
    'guides.index_developers': 'For product developers',
    'guides.index_developers_text': "Check your organisation's practice against 12 items at three levels, then print, keep or publish the result.",
    'guides.index_statements': 'Product statements (with a developer account)',
    'guides.index_statements_text': 'Publish, per product, the support period, security contact and how updates are delivered, and point to it from the packaging or manual.',
    'guides.index_consumers': 'For buyers and users',
    'guides.index_consumers_text': 'What to look for when you choose a connected product, and how to use it safely.',
  },
)
