import type { Kysely } from 'kysely'
import * as foundation from './0001-foundation.js'
import * as secondFactor from './0002-second-factor.js'

export type Migration = { up: (db: Kysely<any>) => Promise<void> }

/** Every migration, in order. Names are frozen once released. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-second-factor': secondFactor,
}
