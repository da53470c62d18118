import QRCode from 'qrcode'

/** The sizes (pixels, square) a QR code is drawn at: screen, print, large print. */
export const QR_SIZES = [300, 600, 1200] as const
export type QrSize = (typeof QR_SIZES)[number]

// 'Q' survives a smudged or partly torn leaflet (25 % of the code); 4 modules of quiet zone is the standard's margin.
const QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 4 } as const

/**
 * The link a guide page's QR code carries: the page on the public site, with the channel's tag
 * (when there is one) and `via=qr`, so a scan is counted as a scan, by channel. A trailing slash on
 * `publicUrl` is dropped, so a URL typed by hand works too.
 */
export function qrTarget(publicUrl: string, page: string, channel: string): string {
  const query = channel ? `?ch=${encodeURIComponent(channel)}&via=qr` : '?via=qr'
  return `${publicUrl.replace(/\/$/, '')}${page}${query}`
}

/** The QR code of `text` as an SVG document (scalable; `size` sets its width and height attributes). */
export async function qrSvg(text: string, size: QrSize = 300): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: 'svg', width: size, color: { dark: '#000000', light: '#ffffff' } })
}

/** The QR code of `text` as a PNG, `size` pixels square. */
export async function qrPng(text: string, size: QrSize = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', width: size, color: { dark: '#000000', light: '#ffffff' } })
}

/**
 * The file name a downloaded QR code is saved under: which page, which channel, which size
 * (`keikai-qr-consumers-choosing-leaflet-2026-10-600.png`), so a folder of them stays readable.
 */
export function qrFilename(page: string, channel: string, format: 'svg' | 'png', size: QrSize): string {
  const pageName = page.replace(/^\/guides\/?/, '').replace(/\//g, '-') || 'guides'
  const parts = ['keikai-qr', pageName, channel, format === 'png' ? String(size) : ''].filter(Boolean)
  return `${parts.join('-')}.${format}`
}
