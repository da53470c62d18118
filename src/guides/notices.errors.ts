import { AppError } from '../platform/errors.js'
import { CONFIRM_DAYS } from './notices.schemas.js'

/** Errors of the update notices, each with a stable code (`error.<code>` in outreach.messages.ts). */
export const noticeErrors = {
  /** An unknown, used-up or expired confirmation link; the same answer for each, so none can be told apart. */
  confirmLinkInvalid: () => new AppError('guides.notice_confirm_invalid', 404, `This confirmation link is unknown or older than ${CONFIRM_DAYS} days. Register again to get a new one.`),
  unsubscribeLinkInvalid: () => new AppError('guides.notice_unsubscribe_invalid', 404, 'This unsubscribe link is unknown or was replaced by a newer mail. Use the link in the newest mail.'),
}
