import { z } from 'zod'

const schema = z.object({
  PORT: z.coerce.number().int().positive().default(3000),
  KEIKAI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  // A read replica of DATABASE_URL for the cached public pages (PostgreSQL only).
  DATABASE_READ_URL: z.string().optional(),
  // The page cache's size in megabytes (rendered public pages kept in memory).
  KEIKAI_PAGE_CACHE_MB: z.coerce.number().int().min(1).max(65536).default(256),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('keikai <no-reply@keikai.localhost>'),
  PUBLIC_URL: z.string().optional(),
  MAX_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  KEIKAI_OPENPGP_PRIVATE_KEY_FILE: z.string().optional(),
  KEIKAI_KEY_PASSPHRASE: z.string().optional(),
  KEIKAI_CSAF_KEY_FILE: z.string().optional(),
  // The programme as the publisher of its advisories in CSAF (name, and the URL that is its namespace).
  KEIKAI_PUBLISHER_NAME: z.string().max(200).optional(),
  KEIKAI_PUBLISHER_URL: z.string().url().optional(),
  KEIKAI_CSAF_KEY_PASSPHRASE: z.string().optional(),
  // The CNA named in CVE records (cveMetadata.assignerOrgId / assignerShortName); defaults: JPCERT/CC's.
  KEIKAI_CVE_ASSIGNER_ORG_ID: z.string().uuid().default('ede6fdc4-6654-4307-a26d-3331c018e2ce'),
  KEIKAI_CVE_ASSIGNER_SHORT_NAME: z.string().min(2).max(32).default('jpcert'),
})

export type Config = {
  port: number
  dataDir: string
  databaseUrl?: string
  /** A read replica for the cached public routes; only with `databaseUrl`. */
  databaseReadUrl?: string
  /** Bytes of rendered public pages the page cache may hold. */
  pageCacheBytes: number
  smtpUrl?: string
  mailFrom: string
  publicUrl: string
  maxAttachmentBytes: number
  /** Cookies are marked Secure when the public URL is https. */
  secureCookies: boolean
  /** An armored OpenPGP private key for the platform; without it keikai makes one and keeps it in the database. */
  openpgpPrivateKeyFile?: string
  /** Protects the platform's OpenPGP private key (the configured file's, or the one keikai keeps). */
  keyPassphrase?: string
  /** The CSAF provider's signing key: an armored private key file, and its passphrase (or the one keikai encrypts the key it makes with; defaults to KEIKAI_KEY_PASSPHRASE). */
  csafKeyFile?: string
  csafKeyPassphrase?: string
  /** Who publishes the advisories (CSAF's `document.publisher`): by default `keikai (<host>)` at the public URL. */
  publisher: { name: string; namespace: string }
  /** The CNA that assigns the CVE records keikai writes: its CVE Services org UUID and short name. */
  cveAssigner: { orgId: string; shortName: string }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = schema.parse(env)
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    port: e.PORT,
    dataDir: e.KEIKAI_DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseReadUrl: (e.DATABASE_URL && e.DATABASE_READ_URL) || undefined,
    pageCacheBytes: e.KEIKAI_PAGE_CACHE_MB * 1024 * 1024,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    maxAttachmentBytes: e.MAX_ATTACHMENT_BYTES,
    secureCookies: publicUrl.startsWith('https://'),
    openpgpPrivateKeyFile: e.KEIKAI_OPENPGP_PRIVATE_KEY_FILE || undefined,
    keyPassphrase: e.KEIKAI_KEY_PASSPHRASE || undefined,
    csafKeyFile: e.KEIKAI_CSAF_KEY_FILE || undefined,
    publisher: { name: e.KEIKAI_PUBLISHER_NAME || `keikai (${new URL(publicUrl).host})`, namespace: (e.KEIKAI_PUBLISHER_URL ?? publicUrl).replace(/\/$/, '') },
    csafKeyPassphrase: e.KEIKAI_CSAF_KEY_PASSPHRASE || e.KEIKAI_KEY_PASSPHRASE || undefined,
    cveAssigner: { orgId: e.KEIKAI_CVE_ASSIGNER_ORG_ID, shortName: e.KEIKAI_CVE_ASSIGNER_SHORT_NAME },
  }
}
