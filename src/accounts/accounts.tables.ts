import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** Failed sign-ins per normalised e-mail address, known or not (migration 0015-account-hardening). */
export interface SignInFailuresTable {
  email: string
  failures: number
  last_failure_at: Timestamp
  /** Until when a sign-in for this address is refused without a password check; null: not waiting. */
  blocked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** Single-use second-factor recovery codes, stored as SHA-256 of the normalised code (migration 0016-recovery-codes). */
export interface RecoveryCodesTable {
  user_id: string
  code_hash: string
  created_at: Timestamp
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** "Forgot password" links: single use, expiring, stored as SHA-256 of the secret (migration 0017-account-admin). */
export interface PasswordResetsTable {
  id: string
  user_id: string
  token_hash: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface AccountsTables {
  sign_in_failures: SignInFailuresTable
  recovery_codes: RecoveryCodesTable
  password_resets: PasswordResetsTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends AccountsTables {}
}
