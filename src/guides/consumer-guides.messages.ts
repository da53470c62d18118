import { defineMessages } from '../platform/i18n/define.js'
import { choosingMessages } from './consumer-guides.choosing.messages.js'
import { usingMessages } from './consumer-guides.using.messages.js'
import { ratingsMessages } from './ratings.messages.js'

/** What both consumer guides share: how a point is shown, and the product statement a maker may publish. */
const sharedMessages = defineMessages(
  {
    'guides.consumer.point_number': 'ポイント {n}',
    'guides.consumer.how_to_check': '確かめ方',
    'guides.consumer.statement_heading': 'メーカーの「製品の公開ステートメント」を見てみましょう',
    'guides.consumer.statement_text': 'メーカーによっては、このサイトで製品ごとの「公開ステートメント」を載せています。ステートメントには、サポート期間がいつまでか、アップデートの方法、問い合わせ窓口など、このガイドのポイントへの答えがまとめてあります。',
    'guides.consumer.statement_hint': '箱や取扱説明書、メーカーのサイトに、ステートメントへのリンクや QR コード（このサイトの /guides/statements/ で始まるページ）がないか探してください。',
  },
  {
    'guides.consumer.point_number': 'Point {n}',
    'guides.consumer.how_to_check': 'How to check',
    'guides.consumer.statement_heading': 'Look for the maker’s public product statement',
    'guides.consumer.statement_text': 'Some makers publish a public statement for each product on this site. It answers the questions in this guide in one place: until when the product is supported, how it is updated, and whom to contact.',
    'guides.consumer.statement_hint': 'Look on the box, in the manual or on the maker’s website for a link or QR code to the statement (a page of this site whose address starts with /guides/statements/).',
  },
)

/** The consumer guides' words, and those of the frame under every guide page (QR code, rating). */
export const consumerGuidesMessages = {
  ja: { ...sharedMessages.ja, ...choosingMessages.ja, ...usingMessages.ja, ...ratingsMessages.ja },
  en: { ...sharedMessages.en, ...choosingMessages.en, ...usingMessages.en, ...ratingsMessages.en },
}
