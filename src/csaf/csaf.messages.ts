import { defineMessages } from '../platform/i18n/define.js'

export const csafMessages = defineMessages(
  {
    'csaf.listing_title': '{path} の一覧',
    'csaf.listing_parent': '上の階層へ',
    'csaf.format_label': 'CSAF 2.0 (JSON)',
  },
  {
    'csaf.listing_title': 'Index of {path}',
    'csaf.listing_parent': 'Parent directory',
    'csaf.format_label': 'CSAF 2.0 (JSON)',
  },
)
