import type { CurrentUser } from '../platform/http/context.js'

/**
 * Where a person lands after signing in when nothing asked for a particular page: the place their
 * day's work starts. Paths are strings on purpose — accounts imports none of the features they
 * belong to. Someone with several roles lands where the earliest of them works (intake before
 * coordination before the committee before administration).
 */
export function startPageFor(user: Pick<CurrentUser, 'roles' | 'organizationKind'>): string {
  if (user.roles.includes('intake')) return '/intake'
  if (user.roles.includes('coordinator')) return '/coordination?mine=1'
  if (user.roles.includes('committee')) return '/committee'
  if (user.roles.includes('admin')) return '/admin/users'
  if (user.organizationKind === 'developer' || user.organizationKind === 'operator') return '/my/cases'
  if (user.organizationKind === 'critical_infrastructure') return '/priority-information'
  return '/'
}

/**
 * The page to go on to: the one asked for (a same-site path, see `safeNext`), or else the
 * person's start page.
 */
export function nextOrStartPage(next: unknown, user: Pick<CurrentUser, 'roles' | 'organizationKind'> | null, safeNext: (n: unknown) => string): string {
  if (typeof next === 'string' && next !== '') return safeNext(next)
  return user ? startPageFor(user) : '/'
}
