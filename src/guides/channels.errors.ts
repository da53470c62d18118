import { AppError } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/field-messages.js'

/** Errors of the channels, each with a stable code (`error.<code>` in outreach.messages.ts). */
export const channelErrors = {
  tagTaken: (tag: string) => new AppError('guides.channel_tag_taken', 409, `The tag ${tag} is already used by a channel (tags are never reused). Choose another.`, fieldDetails({ tag: 'guides.channels.tag_taken' })),
}
