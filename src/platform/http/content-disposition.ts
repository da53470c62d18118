/**
 * Uploaded file names are the sender's words: they may hold line breaks, quotes, path separators,
 * control or bidirectional-override characters. They are kept only as a display and download name.
 */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f"\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Cs}]/gu

/** A file name safe to store and show: the last path segment, no control or quote characters, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  return Array.from(base.replace(UNSAFE_IN_NAME, '_')).slice(0, 200).join('').trim() || 'attachment'
}

/** RFC 5987 value characters: encodeURIComponent leaves `'()*` as they are, which the grammar does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * `Content-Disposition: attachment` for a download (RFC 6266): an ASCII `filename` for old clients
 * and the exact name as `filename*=UTF-8''…`. Well-formed whatever the stored name holds.
 */
export function attachmentDisposition(filename: string): string {
  const name = safeFilename(filename)
  const ascii = name.replace(/[^\x20-\x7e]|[\\%]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`
}
