import { defineMessages } from '../platform/i18n/define.js'

export const outreachMessages = defineMessages(
  {
  },
  {
  },
)
