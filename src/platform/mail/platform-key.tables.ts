/** The platform's own keys (migration 0011-openpgp): one row per purpose. */
export interface PlatformKeysTable {
  purpose: 'openpgp'
  fingerprint: string
  public_key: string
  /** Armored; encrypted with KEIKAI_KEY_PASSPHRASE when that is set. */
  private_key: string
  created_at: Date
}

declare module '../db/schema.js' {
  interface Database {
    platform_keys: PlatformKeysTable
  }
}
