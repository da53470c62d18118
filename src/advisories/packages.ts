import { PackageURL } from 'packageurl-js'
import semver from 'semver'
import { z } from 'zod'

/**
 * An affected product's package, for the OSV record (DESIGN §6): the ecosystem and the package's
 * name there (or a purl, from which both are derived), the affected version ranges and any versions
 * listed one by one.
 */
export type PackageRange = { introduced: string; fixed: string | null; lastAffected: string | null }
export type AffectedPackage = { ecosystem: string; name: string; purl: string | null; ranges: PackageRange[]; versions: string[] }

/**
 * The ecosystems the OSV schema knows (`$defs.ecosystemName` of ossf/osv-schema's
 * `validation/schema.json`, copied in `test/fixtures/osv/`; a test keeps the two lists equal).
 */
export const OSV_ECOSYSTEMS = [
  'AlmaLinux', 'Alpaquita', 'Alpine', 'Android', 'Azure Linux', 'BellSoft Hardened Containers', 'Bioconductor', 'Bitnami',
  'Chainguard', 'CleanStart', 'ConanCenter', 'CRAN', 'crates.io', 'Debian', 'Docker Hardened Images', 'Echo', 'FreeBSD', 'GHC',
  'GitHub Actions', 'Go', 'Hackage', 'Hex', 'Julia', 'Kubernetes', 'Linux', 'Mageia', 'Maven', 'MinimOS', 'npm', 'NuGet', 'opam',
  'openEuler', 'openSUSE', 'OSS-Fuzz', 'Packagist', 'Photon OS', 'Pub', 'PyPI', 'Red Hat', 'Rocky Linux', 'Root', 'RubyGems', 'SUSE',
  'SwiftURL', 'TuxCare', 'Ubuntu', 'VSCode', 'Wolfi',
] as const

/** The ecosystems offered first in the editor: the language package managers most advisories name. */
export const COMMON_ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'NuGet', 'Hex', 'Pub'] as const

/**
 * Ecosystems whose versions are SemVer 2.0 (OSV range type `SEMVER`); every other one uses
 * `ECOSYSTEM` ranges, ordered by the ecosystem's own rules, which keikai does not compare.
 */
export const SEMVER_ECOSYSTEMS: ReadonlySet<string> = new Set(['npm', 'Go', 'crates.io', 'Hex', 'Pub', 'SwiftURL'])

export const rangeTypeOf = (ecosystem: string): 'SEMVER' | 'ECOSYSTEM' => (SEMVER_ECOSYSTEMS.has(ecosystem) ? 'SEMVER' : 'ECOSYSTEM')

/** purl types (package-url spec) and how the OSV ecosystem names their packages. */
const PURL_TYPES: Record<string, { ecosystem: string; name: (p: PackageURL) => string }> = {
  npm: { ecosystem: 'npm', name: (p) => (p.namespace ? `${p.namespace}/${p.name}` : p.name) },
  pypi: { ecosystem: 'PyPI', name: (p) => p.name },
  maven: { ecosystem: 'Maven', name: (p) => (p.namespace ? `${p.namespace}:${p.name}` : p.name) },
  golang: { ecosystem: 'Go', name: (p) => (p.namespace ? `${p.namespace}/${p.name}` : p.name) },
  cargo: { ecosystem: 'crates.io', name: (p) => p.name },
  gem: { ecosystem: 'RubyGems', name: (p) => p.name },
  composer: { ecosystem: 'Packagist', name: (p) => (p.namespace ? `${p.namespace}/${p.name}` : p.name) },
  nuget: { ecosystem: 'NuGet', name: (p) => p.name },
  hex: { ecosystem: 'Hex', name: (p) => p.name },
  pub: { ecosystem: 'Pub', name: (p) => p.name },
  hackage: { ecosystem: 'Hackage', name: (p) => p.name },
  cran: { ecosystem: 'CRAN', name: (p) => p.name },
  conan: { ecosystem: 'ConanCenter', name: (p) => p.name },
  swift: { ecosystem: 'SwiftURL', name: (p) => `https://${p.namespace ? `${p.namespace}/` : ''}${p.name}` },
}

export type PurlPackage = { purl: string; ecosystem: string | null; name: string }

/** A purl as parsed by `packageurl-js`, in canonical form without its version; null when it is not one. */
export function parsePurl(text: string): PurlPackage | null {
  let p: PackageURL
  try {
    p = PackageURL.fromString(text.trim())
  } catch {
    return null
  }
  const known = PURL_TYPES[p.type]
  const canonical = new PackageURL(p.type, p.namespace, p.name, undefined, p.qualifiers, p.subpath).toString()
  return { purl: canonical, ecosystem: known?.ecosystem ?? null, name: known ? known.name(p) : p.name }
}

/** SemVer 2.0 without a leading `v` (OSV's SEMVER type); a Go-style `v1.2.3` is taken as `1.2.3`. */
const semverOf = (v: string): string | null => (v === '0' ? '0' : semver.valid(v.replace(/^v(?=\d)/, '')))

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v)
const version = z.preprocess(blank, z.string().trim().max(100).optional())

const rangeInput = z.object({
  /** Empty: affected from the first version (OSV `introduced: "0"`). */
  introduced: version,
  fixed: version,
  lastAffected: version,
})

/** Listed versions as an array, or as the editor's text field (commas or white space between). */
const versionList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,、]+/).filter(Boolean) : v ?? []),
  z.array(z.string().trim().min(1).max(100)).max(500),
)

const isEmptyPackage = (v: unknown): boolean => {
  if (v === null || v === undefined) return true
  if (typeof v !== 'object') return false
  const r = v as Record<string, unknown>
  const filled = (x: unknown) => typeof x === 'string' ? x.trim() !== '' : Array.isArray(x) ? x.length > 0 : x !== undefined && x !== null
  const ranges = Array.isArray(r.ranges) ? r.ranges.filter((x) => x && typeof x === 'object' && Object.values(x).some(filled)) : r.ranges
  return !filled(r.ecosystem) && !filled(r.name) && !filled(r.purl) && !filled(ranges) && !filled(r.versions)
}

const packageInput = z.object({
  ecosystem: z.preprocess(blank, z.enum(OSV_ECOSYSTEMS, 'validation.osv_ecosystem').optional()),
  name: z.preprocess(blank, z.string().trim().max(300).optional()),
  purl: z.preprocess(blank, z.string().trim().max(1000).optional()),
  ranges: z.array(rangeInput).max(50).default([]),
  versions: versionList.default([]),
})

/**
 * The package of an affected product, as the API and the editor send it. Everything blank is no
 * package. A purl alone gives the ecosystem and the name; given beside them it must agree with the
 * ecosystem. Ranges are kept in the order given; blank ranges are dropped.
 */
export const affectedPackageSchema = z.preprocess((v) => (isEmptyPackage(v) ? undefined : v), packageInput.optional())
  .transform((input, ctx): AffectedPackage | undefined => {
    if (!input) return undefined
    const fail = (path: Array<string | number>, message: string) => { ctx.addIssue({ code: 'custom', path, message, input }); return z.NEVER }
    let ecosystem: string | undefined = input.ecosystem
    let name = input.name
    let purl: string | null = null
    if (input.purl) {
      const parsed = parsePurl(input.purl)
      if (!parsed) return fail(['purl'], 'validation.purl')
      purl = parsed.purl
      if (ecosystem && parsed.ecosystem && parsed.ecosystem !== ecosystem) return fail(['purl'], 'validation.purl_ecosystem_mismatch')
      if (!ecosystem && !parsed.ecosystem) return fail(['ecosystem'], 'validation.purl_ecosystem_unknown')
      ecosystem ??= parsed.ecosystem ?? undefined
      name ??= parsed.name
    }
    if (!ecosystem) return fail(['ecosystem'], 'validation.package_ecosystem_required')
    if (!name) return fail(['name'], 'validation.package_name_required')
    const semverOnly = SEMVER_ECOSYSTEMS.has(ecosystem)
    const ranges: PackageRange[] = []
    let bad = false
    input.ranges.forEach((r, i) => {
      if (!r.introduced && !r.fixed && !r.lastAffected) return
      if (r.fixed && r.lastAffected) { fail(['ranges', i, 'lastAffected'], 'validation.fixed_and_last_affected'); bad = true; return }
      const range: PackageRange = { introduced: r.introduced ?? '0', fixed: r.fixed ?? null, lastAffected: r.lastAffected ?? null }
      if (semverOnly) {
        for (const key of ['introduced', 'fixed', 'lastAffected'] as const) {
          const value = range[key]
          if (value === null) continue
          const normalized = semverOf(value)
          if (normalized === null || (normalized === '0' && key !== 'introduced')) { fail(['ranges', i, key], 'validation.semver'); bad = true; return }
          range[key] = normalized
        }
      }
      // Versions are compared where they can be: both SemVer (always so in a SEMVER ecosystem).
      const start = range.introduced === '0' ? null : semver.valid(range.introduced)
      if (start && range.fixed && semver.valid(range.fixed) && semver.lte(range.fixed, start)) { fail(['ranges', i, 'fixed'], 'validation.fixed_not_after_introduced'); bad = true; return }
      if (start && range.lastAffected && semver.valid(range.lastAffected) && semver.lt(range.lastAffected, start)) { fail(['ranges', i, 'lastAffected'], 'validation.last_affected_before_introduced'); bad = true; return }
      ranges.push(range)
    })
    const versions: string[] = []
    for (const v of input.versions) {
      const normalized = semverOnly ? semverOf(v) : v
      if (normalized === null) { fail(['versions'], 'validation.semver'); bad = true; break }
      if (!versions.includes(normalized)) versions.push(normalized)
    }
    if (bad) return z.NEVER
    return { ecosystem, name, purl, ranges, versions }
  })

/** Stored JSON read defensively: a package without ecosystem or name is none. */
export function readPackage(v: unknown): AffectedPackage | undefined {
  if (!v || typeof v !== 'object') return undefined
  const r = v as Record<string, unknown>
  const str = (x: unknown) => (typeof x === 'string' ? x : null)
  const ecosystem = str(r.ecosystem)
  const name = str(r.name)
  if (!ecosystem || !name) return undefined
  const ranges = Array.isArray(r.ranges) ? r.ranges.map((x): PackageRange => {
    const range = (x ?? {}) as Record<string, unknown>
    return { introduced: str(range.introduced) ?? '0', fixed: str(range.fixed), lastAffected: str(range.lastAffected) }
  }) : []
  const versions = Array.isArray(r.versions) ? r.versions.filter((x): x is string => typeof x === 'string') : []
  return { ecosystem, name, purl: str(r.purl), ranges, versions }
}
