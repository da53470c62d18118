import { describe, expect, it } from 'vitest'
import { attachmentDisposition, safeFilename } from './content-disposition.js'

describe('file names of uploads', () => {
  it('a stored name keeps the last path segment and loses line breaks, quotes and direction overrides', () => {
    expect(safeFilename('C:\\Users\\me\\poc.txt')).toBe('poc.txt')
    expect(safeFilename('../../etc/passwd')).toBe('passwd')
    expect(safeFilename('a"b\r\nSet-Cookie: x.txt')).toBe('a_b__Set-Cookie: x.txt')
    expect(safeFilename('invoice\u202Etxt.exe')).toBe('invoice_txt.exe')
    expect(safeFilename('')).toBe('attachment')
  })

  it('a long name is cut at 200 characters without splitting an emoji', () => {
    const cut = safeFilename('😀'.repeat(300))
    expect(Array.from(cut)).toHaveLength(200)
    expect(cut).not.toMatch(/\p{Cs}/u)
  })

  it('the download header has an ASCII fallback and the exact UTF-8 name, whatever the name holds', () => {
    expect(attachmentDisposition('報告書 (v2).pdf')).toBe(`attachment; filename="___ (v2).pdf"; filename*=UTF-8''%E5%A0%B1%E5%91%8A%E6%9B%B8%20%28v2%29.pdf`)
    expect(attachmentDisposition('a"\r\n\\b')).toBe(`attachment; filename="b"; filename*=UTF-8''b`)
    expect(attachmentDisposition('x\ud800.txt')).toBe(`attachment; filename="x_.txt"; filename*=UTF-8''x_.txt`)
  })
})
