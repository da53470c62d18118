import { defineMessages } from '../platform/i18n/define.js'

export const consumerGuidesMessages = defineMessages(
  {
  },
  {
  },
)
