import type { Context } from 'hono'
import type { DB } from '../db/database.js'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Lang, Translate } from '../i18n/index.js'
import type { OrganizationKind, Role } from '../db/schema.js'
import type { WorkersStatus } from '../jobs/workers-status.js'

/** What every request can reach: the database, the clock and the configuration (and, in a server process, its runtime). */
export type Deps = {
  db: DB; clock: Clock; config: Config; runtime?: Runtime
  /** A read replica for the cached public routes (`DATABASE_READ_URL`); absent: they read `db`. */
  readDb?: DB
}

/** The running process as `/readyz` reports it: which database, the job loop, whether it is stopping. */
export type Runtime = { backend?: 'pglite' | 'postgres'; workers?: { status: () => WorkersStatus }; shuttingDown?: () => boolean }

/** The signed-in person, as the policies see them. */
export type CurrentUser = {
  id: string
  email: string
  displayName: string
  roles: Role[]
  organizationId: string | null
  organizationKind: OrganizationKind | null
  locale: Lang
}

export type AppEnv = {
  Variables: {
    deps: Deps
    user: CurrentUser | null
    authVia: 'session' | 'token' | 'none'
    /**
     * Signed in with a password, second factor not yet given (staff, and every account that turned
     * it on): `user` is null — no powers at all, not even the account's own reports — and
     * `pendingUser` is who is signing in, for the second-factor step alone.
     */
    secondFactorPending: boolean
    pendingUser: CurrentUser | null
    lang: Lang
    t: Translate
    csrfToken: string
    /** Set by `publicCache` (page-cache.ts): this answer may be kept and served to every anonymous reader. */
    publicCache: boolean
  }
}

export type Ctx = Context<AppEnv>

export const isApiPath = (path: string) => path.startsWith('/api/')
