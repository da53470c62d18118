import { AppError } from '../platform/errors.js'

export const qrErrors = {
  /** A leaflet printed with a dead tag would send every scan to "no channel": refuse it loudly instead. */
  unknownChannel: (tag: string) => new AppError('guides.qr_unknown_channel', 400,
    `No active channel is tagged "${tag}". Create the channel (or pick an active one) before printing its QR code.`, { tag }),
  badSize: () => new AppError('guides.qr_bad_size', 400, 'Choose a size of 300, 600 or 1200 pixels.', { sizes: '300, 600, 1200' }),
}
