import { describe, expect, it } from 'vitest'
import { isStorableText, unstorableTextAt } from './request-text.js'

describe('text that cannot be stored', () => {
  it('NUL and unpaired surrogates are unstorable; paired surrogates, tabs and line breaks are fine', () => {
    expect(isStorableText('報告 😀\t\r\n')).toBe(true)
    expect(isStorableText('a\u0000b')).toBe(false)
    expect(isStorableText('\ud800')).toBe(false)
    expect(isStorableText('x\udc00')).toBe(false)
  })

  it('names the field of a body where the first unstorable text is, keys included', () => {
    expect(unstorableTextAt({ a: 'ok', list: ['fine', { deep: 'no\u0000' }] })).toBe('list.1.deep')
    expect(unstorableTextAt({ ['k\ud800']: 1 })).toBe('_')
    expect(unstorableTextAt('\u0000')).toBe('_')
    expect(unstorableTextAt({ a: 1, b: null, c: [true, 'ok'] })).toBeUndefined()
  })

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(unstorableTextAt(deep)).toMatch(/^0(\.0)+$/)
  })
})
