import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import type { Role } from '../platform/db/schema.js'
import type { CurrentUser } from '../platform/http/context.js'

type Executor = DB

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export async function insertUser(db: Executor, user: {
  id: string; email: string; displayName: string; passwordHash: string; roles?: Role[]; organizationId?: string | null; locale?: 'ja' | 'en'
}) {
  await db.insertInto('users').values({
    id: user.id,
    email: user.email.toLowerCase(),
    display_name: user.displayName,
    password_hash: user.passwordHash,
    roles: user.roles ?? [],
    organization_id: user.organizationId ?? null,
    locale: user.locale ?? 'ja',
  }).execute()
}

/** The current user behind a session or token hash, joined with their organisation's kind. */
export async function loadCurrentUser(db: Executor, userId: string): Promise<CurrentUser | null> {
  const row = await db.selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.roles', 'users.organization_id', 'users.locale', 'users.disabled_at', 'organizations.kind as org_kind'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  if (!row || row.disabled_at) return null
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    organizationId: row.organization_id,
    organizationKind: row.org_kind ?? null,
    locale: row.locale,
  }
}

export async function countAdmins(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`'admin' = any(roles)`).executeTakeFirstOrThrow()
  return Number(row.n)
}
