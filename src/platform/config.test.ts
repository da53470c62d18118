import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('configuration', () => {
  it('names keikai at its public URL as the publisher of advisories unless the programme is configured', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://vuln.example.jp/' }).publisher).toEqual({ name: 'keikai (vuln.example.jp)', namespace: 'https://vuln.example.jp' })
    expect(loadConfig({ PUBLIC_URL: 'https://vuln.example.jp', KEIKAI_PUBLISHER_NAME: 'JPCERT/CC', KEIKAI_PUBLISHER_URL: 'https://www.jpcert.or.jp/' }).publisher)
      .toEqual({ name: 'JPCERT/CC', namespace: 'https://www.jpcert.or.jp' })
  })

  it('refuses a publisher URL that is not a URL, naming the setting', () => {
    expect(() => loadConfig({ KEIKAI_PUBLISHER_URL: 'jpcert' })).toThrow(/KEIKAI_PUBLISHER_URL/)
  })
})
