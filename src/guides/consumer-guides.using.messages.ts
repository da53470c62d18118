import { defineMessages } from '../platform/i18n/define.js'

/** The guide "Using a connected product safely". */
export const usingMessages = defineMessages(
  {
    'guides.using.title': 'ネットにつながる製品を安全に使うために',
    'guides.using.lead1': 'インターネットにつながる製品は、買った後の使い方でも安全さが大きく変わります。難しい知識は要りません。',
    'guides.using.lead2': '使い始めるとき、使っている間、手放すときに、次の 7 つを心がけましょう。',
    'guides.using.points_heading': '安全に使うための 7 つのポイント',

    'guides.using.password.title': '初期パスワードを変える',
    'guides.using.password.text': '買ったときのパスワード（初期パスワード）は、同じ製品で共通だったり、推測しやすかったりします。使い始めるときに、自分だけのパスワードに変えましょう。',
    'guides.using.password.hint1': '取扱説明書で、パスワードの変え方を確かめる。',
    'guides.using.password.hint2': '長く、ほかのサービスと同じでないパスワードにする。誕生日や「1234」のような数字は避ける。',

    'guides.using.updates.title': 'アップデートする（自動アップデートをオンにする）',
    'guides.using.updates.text': 'アップデートは、見つかった弱点を直します。自動アップデートの設定があればオンにしましょう。なければ、ときどき自分で確かめましょう。',
    'guides.using.updates.hint1': '製品の設定画面やスマートフォンのアプリで「自動アップデート」「自動更新」を探し、オンにする。',
    'guides.using.updates.hint2': 'アップデートのお知らせが来たら、後回しにせず早めに行う。',

    'guides.using.functions.title': '必要な機能だけを使い、設定を確かめる',
    'guides.using.functions.text': '使わない機能（外出先からの操作や、映像の共有など）がオンのままだと、悪用される入り口になることがあります。必要な機能だけをオンにしましょう。',
    'guides.using.functions.hint1': '使い始めるときに設定画面をひととおり見て、使わない機能をオフにする。',
    'guides.using.functions.hint2': 'カメラやマイクの付いた製品は、誰が見たり聞いたりできる設定になっているかを確かめる。',

    'guides.using.support_end.title': 'サポート期間を知り、終わったら買い替えを考える',
    'guides.using.support_end.text': 'サポート期間が終わると、弱点が見つかっても直してもらえません。サポートの終わった製品を使い続けるのは危険です。',
    'guides.using.support_end.hint1': 'メーカーのサイトで、使っている製品のサポート終了日を確かめる。',
    'guides.using.support_end.hint2': 'サポートが終わった製品は、インターネットにつなぐのをやめるか、サポート中の製品に買い替える。',

    'guides.using.notices.title': 'メーカーからのお知らせに気をつける',
    'guides.using.notices.text': '弱点が見つかると、メーカーはウェブサイト、メール、アプリなどで知らせます。お知らせに書かれた対策を行いましょう。',
    'guides.using.notices.hint1': '製品のユーザー登録をして、メーカーからのお知らせを受け取れるようにする。',
    'guides.using.notices.hint2': 'メーカーのサイトの「重要なお知らせ」をときどき見る。',
    'guides.using.notices.hint3': 'お知らせを装ったにせのメールに注意する。メールのリンクからではなく、自分でメーカーのサイトを開いて確かめる。',

    'guides.using.disposal.title': '譲る前・捨てる前に初期化する',
    'guides.using.disposal.text': '製品には、パスワード、Wi-Fi の設定、映像や使った記録が残っています。譲る、売る、捨てる前に、初期化して消しましょう。',
    'guides.using.disposal.hint1': '取扱説明書の方法で、初期化（工場出荷時の状態に戻すこと）をする。',
    'guides.using.disposal.hint2': 'スマートフォンのアプリやインターネット上のサービスに製品を登録していたら、その登録も削除する。',

    'guides.using.ask.title': 'わからないときは、メーカーの窓口に相談する',
    'guides.using.ask.text': '設定のしかたがわからないときや、動きがおかしいと感じたときは、一人で悩まずにメーカーの問い合わせ窓口に相談しましょう。',
    'guides.using.ask.hint1': '取扱説明書やメーカーのサイトで、問い合わせ窓口を確かめておく。',
    'guides.using.ask.hint2': '設定が勝手に変わっている、知らない機器がつながっているなど、おかしいと感じたら、インターネットから外してから相談する。',

    'guides.using.next': 'これから製品を選ぶときは、こちらもご覧ください：',
  },
  {
    'guides.using.title': 'Using a connected product safely',
    'guides.using.lead1': 'How safe a connected product is also depends on how you use it after you buy it. You do not need special knowledge.',
    'guides.using.lead2': 'Keep these 7 points in mind when you start using the product, while you use it, and when you let it go.',
    'guides.using.points_heading': '7 points for using it safely',

    'guides.using.password.title': 'Change the initial password',
    'guides.using.password.text': 'The password a product comes with (its initial password) is often the same for every product of its kind, or easy to guess. Change it to one of your own when you start using the product.',
    'guides.using.password.hint1': 'Find out from the manual how to change the password.',
    'guides.using.password.hint2': 'Make it long, and different from the passwords you use elsewhere. Avoid birthdays and numbers like "1234".',

    'guides.using.updates.title': 'Keep it updated (turn on automatic updates)',
    'guides.using.updates.text': 'Updates fix the weaknesses that have been found. If the product can update itself automatically, turn that on. If not, check for updates yourself from time to time.',
    'guides.using.updates.hint1': 'In the product’s settings or its smartphone app, look for "automatic updates" and turn them on.',
    'guides.using.updates.hint2': 'When you are told an update is available, install it soon rather than later.',

    'guides.using.functions.title': 'Use only the functions you need, and check the settings',
    'guides.using.functions.text': 'Functions you do not use (remote control from outside your home, sharing videos…) can become a way in for an attacker if they are left on. Turn on only what you need.',
    'guides.using.functions.hint1': 'When you start, go through the settings once and turn off what you will not use.',
    'guides.using.functions.hint2': 'For a product with a camera or a microphone, check who the settings let see or hear through it.',

    'guides.using.support_end.title': 'Know when support ends, and replace the product when it does',
    'guides.using.support_end.text': 'Once the support period is over, weaknesses found in the product are no longer fixed. Using a product that is no longer supported is risky.',
    'guides.using.support_end.hint1': 'On the maker’s website, check when support ends for the product you use.',
    'guides.using.support_end.hint2': 'When support has ended, stop connecting the product to the internet, or replace it with a supported one.',

    'guides.using.notices.title': 'Watch for the maker’s notices',
    'guides.using.notices.text': 'When a weakness is found, the maker tells people on its website, by e-mail or in its app. Do what the notice tells you to do.',
    'guides.using.notices.hint1': 'Register your product with the maker so that you receive its notices.',
    'guides.using.notices.hint2': 'Look at the "Important notices" on the maker’s website from time to time.',
    'guides.using.notices.hint3': 'Beware of fake e-mails pretending to be notices. Open the maker’s website yourself instead of following a link in the e-mail.',

    'guides.using.disposal.title': 'Reset it before you give it away or throw it out',
    'guides.using.disposal.text': 'The product keeps your passwords, Wi-Fi settings, videos and records of use. Erase them by resetting the product before you give it away, sell it or throw it out.',
    'guides.using.disposal.hint1': 'Reset it to its factory state as the manual explains.',
    'guides.using.disposal.hint2': 'If you registered the product in a smartphone app or an online service, remove it there too.',

    'guides.using.ask.title': 'When unsure, ask the maker’s contact point',
    'guides.using.ask.text': 'If you do not know how to set something, or the product behaves strangely, do not struggle alone: ask the maker’s contact point.',
    'guides.using.ask.hint1': 'Find the contact point in the manual or on the maker’s website, and keep it at hand.',
    'guides.using.ask.hint2': 'If something seems wrong (settings changed by themselves, unknown devices connected), disconnect the product from the internet before you ask.',

    'guides.using.next': 'When you choose your next product, read this too:',
  },
)
