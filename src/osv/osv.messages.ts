import { defineMessages } from '../platform/i18n/define.js'

export const osvMessages = defineMessages(
  {
    'osv.format_label': 'OSV 形式（JSON）',
    'error.osv.no_package': 'この脆弱性対策情報はパッケージ（エコシステムとパッケージ名）を挙げていないため、OSV 形式の情報はありません。',
  },
  {
    'osv.format_label': 'OSV (JSON)',
    'error.osv.no_package': 'This advisory names no package (ecosystem and name), so it has no OSV record.',
  },
)
