import { defineMessages } from '../platform/i18n/define.js'

/** The guide "Choosing a connected product" (DESIGN §9): the 3 purchase points, then 4 more. */
export const choosingMessages = defineMessages(
  {
    'guides.choosing.title': 'ネットにつながる製品の選び方',
    'guides.choosing.lead1': 'テレビ、見守りカメラ、Wi-Fi ルーター、スマートスピーカー、家電、おもちゃなど、インターネットにつながる製品が増えています。こうした製品に弱点（「脆弱性」といいます）があると、家の中をのぞき見されたり、情報を盗まれたり、ほかの人への攻撃に使われたりするおそれがあります。',
    'guides.choosing.lead2': '製品を買う前に、次のポイントを確かめましょう。まず大切な 3 つ、できればさらに 4 つです。箱や取扱説明書、メーカーのウェブサイトで確かめるか、お店の人に聞いてみてください。',
    'guides.choosing.first_heading': '買う前に確かめたい 3 つのポイント',
    'guides.choosing.first_intro': 'この 3 つがそろっている製品なら、弱点が見つかっても直してもらえ、困ったときに相談できます。',
    'guides.choosing.more_heading': 'さらに確かめたい 4 つのポイント',
    'guides.choosing.more_intro': '長く安心して使うために、できれば次の 4 つも確かめましょう。',

    'guides.choosing.update.title': 'アップデートの機能がありますか？',
    'guides.choosing.update.text': '弱点が見つかると、メーカーはアップデート（ソフトウェアの更新）で直します。アップデートできない製品は、弱点が見つかっても直せません。自動でアップデートできる製品なら、さらに安心です。',
    'guides.choosing.update.hint1': '箱や取扱説明書で「アップデート」「ソフトウェア更新」「ファームウェア更新」「自動更新」という言葉を探す。',
    'guides.choosing.update.hint2': 'わからないときは、お店の人やメーカーの窓口に「セキュリティのアップデートはありますか」と聞く。',

    'guides.choosing.website.title': 'メーカーのウェブサイトにセキュリティの情報がありますか？',
    'guides.choosing.website.text': 'セキュリティに取り組むメーカーは、製品の弱点と直し方をウェブサイトで知らせています。情報を出しているメーカーの製品なら、問題が起きたときにすぐ知ることができます。',
    'guides.choosing.website.hint1': 'メーカーのサイトで「セキュリティ」「脆弱性」「重要なお知らせ」などのページを探す。',
    'guides.choosing.website.hint2': '同じメーカーのほかの製品に、アップデートや対策のお知らせが出ているかを見る。',

    'guides.choosing.contact.title': '問い合わせの窓口がありますか？',
    'guides.choosing.contact.text': '使い方に困ったときや、おかしいと感じたときに相談できる窓口があると安心です。製品の弱点を見つけた人からの連絡を受け付ける窓口を用意しているメーカーもあります。',
    'guides.choosing.contact.hint1': '取扱説明書やメーカーのサイトで、電話、メール、問い合わせフォームなどの窓口を確かめる。',
    'guides.choosing.contact.hint2': '海外のメーカーの製品なら、日本語で問い合わせできるかも確かめる。',

    'guides.choosing.policy.title': 'セキュリティの方針を公開していますか？',
    'guides.choosing.policy.text': '製品のセキュリティにどう取り組むか（方針）を公開しているメーカーは、弱点への対応を会社として決めて、続けています。',
    'guides.choosing.policy.hint1': 'メーカーのサイトで「セキュリティポリシー」「製品セキュリティ」「脆弱性への対応方針」などのページを探す。',

    'guides.choosing.settings.title': 'セキュリティの機能や設定が説明されていますか？',
    'guides.choosing.settings.text': 'パスワードの変え方、通信の暗号化、使わない機能の止め方など、安全に使うための機能と設定のしかたが説明されている製品を選びましょう。',
    'guides.choosing.settings.hint1': '取扱説明書やメーカーのサイトに、パスワードの設定と変更のしかたが書かれているかを見る。',
    'guides.choosing.settings.hint2': '取扱説明書をメーカーのサイトで買う前に読める製品も多くあります。',

    'guides.choosing.support.title': 'サポートの情報（サポート期間）が示されていますか？',
    'guides.choosing.support.text': 'メーカーがアップデートを出すのは、サポート期間の間だけです。いつまでサポートされるかがわかれば、長く安心して使えるかを判断できます。',
    'guides.choosing.support.hint1': '箱やメーカーのサイトで「サポート期間」「サポート終了日」「アップデートの提供期間」を探す。',
    'guides.choosing.support.hint2': '書かれていないときは、メーカーの窓口に「いつまでアップデートが出ますか」と聞く。',

    'guides.choosing.reset.title': '工場出荷時の状態に戻せますか？',
    'guides.choosing.reset.text': '製品には、パスワード、Wi-Fi の設定、映像や使った記録などが残ります。譲るときや捨てるときに、初期化（工場出荷時の状態に戻すこと）でこれらを消せる製品を選びましょう。',
    'guides.choosing.reset.hint1': '取扱説明書で「初期化」「リセット」「工場出荷時の状態に戻す」の方法が説明されているかを見る。',

    'guides.choosing.next': '製品を買った後は、こちらもご覧ください：',
  },
  {
    'guides.choosing.title': 'Choosing a connected product',
    'guides.choosing.lead1': 'More and more products connect to the internet: TVs, home cameras, Wi-Fi routers, smart speakers, appliances, toys. If such a product has a weakness (a "vulnerability"), someone may be able to look into your home, steal your information or use the product to attack others.',
    'guides.choosing.lead2': 'Before you buy, check the points below: first the 3 most important ones, then, if you can, 4 more. Look on the box, in the manual or on the maker’s website, or ask the shop staff.',
    'guides.choosing.first_heading': '3 points to check before you buy',
    'guides.choosing.first_intro': 'With these 3, a weakness found later can be fixed, and you have someone to ask when you need help.',
    'guides.choosing.more_heading': '4 more points to check',
    'guides.choosing.more_intro': 'To use the product safely for a long time, check these 4 as well if you can.',

    'guides.choosing.update.title': 'Can it be updated?',
    'guides.choosing.update.text': 'When a weakness is found, the maker fixes it with an update (new software for the product). A product that cannot be updated stays weak. A product that updates itself automatically is better still.',
    'guides.choosing.update.hint1': 'Look on the box or in the manual for words like "update", "software update", "firmware update" or "automatic update".',
    'guides.choosing.update.hint2': 'If you cannot tell, ask the shop staff or the maker: "Does it get security updates?"',

    'guides.choosing.website.title': 'Does the maker’s website have security information?',
    'guides.choosing.website.text': 'Makers who take security seriously tell people on their website about weaknesses in their products and how to fix them. If the maker publishes this, you will find out quickly when something goes wrong.',
    'guides.choosing.website.hint1': 'On the maker’s website, look for a page called "Security", "Vulnerabilities" or "Important notices".',
    'guides.choosing.website.hint2': 'See whether the maker has published update or security notices for its other products.',

    'guides.choosing.contact.title': 'Is there a contact point?',
    'guides.choosing.contact.text': 'It helps to have someone to ask when you are stuck or something seems wrong. Some makers also have a contact point where people who find a weakness in a product can report it.',
    'guides.choosing.contact.hint1': 'In the manual or on the maker’s website, check for a phone number, an e-mail address or a contact form.',
    'guides.choosing.contact.hint2': 'For a product from abroad, check that you can contact the maker in a language you read.',

    'guides.choosing.policy.title': 'Does the maker publish a security policy?',
    'guides.choosing.policy.text': 'A maker that publishes how it deals with product security (its policy) has decided, as a company, to deal with weaknesses, and keeps doing so.',
    'guides.choosing.policy.hint1': 'On the maker’s website, look for a page called "Security policy", "Product security" or "How we handle vulnerabilities".',

    'guides.choosing.settings.title': 'Are its security functions and settings explained?',
    'guides.choosing.settings.text': 'Choose a product whose manual explains the functions that keep it safe and how to set them: how to change the password, whether its connection is encrypted, how to turn off functions you do not use.',
    'guides.choosing.settings.hint1': 'Check that the manual or the maker’s website explains how to set and change the password.',
    'guides.choosing.settings.hint2': 'Many makers put their manuals on their website, so you can read them before you buy.',

    'guides.choosing.support.title': 'Does it say how long it will be supported?',
    'guides.choosing.support.text': 'A maker sends updates only during the product’s support period. Knowing when support ends tells you how long you can use the product safely.',
    'guides.choosing.support.hint1': 'On the box or the maker’s website, look for "support period", "end of support" or "updates provided until".',
    'guides.choosing.support.hint2': 'If it is not written anywhere, ask the maker: "Until when will this product get updates?"',

    'guides.choosing.reset.title': 'Can it be reset to its factory state?',
    'guides.choosing.reset.text': 'A product keeps your passwords, Wi-Fi settings, videos and records of use. Choose one that can be reset to its factory state, so you can erase all that before you give it away or throw it out.',
    'guides.choosing.reset.hint1': 'Check that the manual explains how to "reset", "initialise" or "restore factory settings".',

    'guides.choosing.next': 'Once you have bought a product, read this next:',
  },
)
