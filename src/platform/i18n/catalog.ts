import { commonMessages } from './common.messages.js'
import type { Catalogue } from './define.js'

/**
 * Every visible string, by language. The platform owns the common messages; each feature brings its
 * own, handed over at start-up by `installCatalogue` (the composition root does it for every feature).
 */
export const catalogue: Catalogue = { ja: { ...commonMessages.ja }, en: { ...commonMessages.en } }

/** Adds the features' messages to the catalogue. A key two features both define is a mistake and throws. */
export function installCatalogue(parts: readonly Catalogue[]): void {
  for (const part of parts) {
    for (const lang of ['ja', 'en'] as const) {
      for (const [key, text] of Object.entries(part[lang])) {
        const current = catalogue[lang][key]
        if (current !== undefined && current !== text) throw new Error(`message ${key} (${lang}) is defined twice with different texts`)
        catalogue[lang][key] = text
      }
    }
  }
}
