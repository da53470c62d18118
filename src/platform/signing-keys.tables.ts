/** keikai's own OpenPGP keys (migration 0011-openpgp): one row per purpose (`openpgp` for mail, `csaf` for CSAF documents). */
export interface PlatformKeysTable {
  purpose: string
  /** Hex, as openpgp.js gives it. */
  fingerprint: string
  public_key: string
  /** Armored; encrypted with the purpose's passphrase when one is configured. */
  private_key: string
  created_at: Date
}

declare module './db/schema.js' {
  interface Database {
    platform_keys: PlatformKeysTable
  }
}
