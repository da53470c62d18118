import { defineMessages } from '../platform/i18n/define.js'

export const staticExportMessages = defineMessages(
  {
    'archive.title': '脆弱性対策情報の一覧（公表月別）',
    'archive.intro': '公表したすべての脆弱性対策情報を、公表月（日本時間）ごとに掲載しています。',
    'archive.month_title': '{month} に公表した脆弱性対策情報',
    'archive.month_count': '{count} 件',
    'archive.empty': 'まだ公表した脆弱性対策情報はありません。',
    'archive.back': '公表月の一覧に戻る',
  },
  {
    'archive.title': 'Advisories by month of publication',
    'archive.intro': 'Every published advisory, by the month (Japan time) it was published.',
    'archive.month_title': 'Advisories published in {month}',
    'archive.month_count': '{count} advisories',
    'archive.empty': 'No advisory has been published yet.',
    'archive.back': 'Back to the months',
  },
)
