/**
 * Builds the production server: `src/main.ts` and everything it imports, bundled by esbuild into
 * `dist/main.js` with a source map (PGlite and native addons stay imports of node_modules), and every non-TypeScript asset under `src/` copied to the same place under `dist/`
 * (app.ts reads `./platform/http/static/app.css` beside itself, which after bundling is beside
 * `dist/main.js`). Type checking is `npm run typecheck`'s job; this only transpiles.
 *
 *   node scripts/build.mjs              # build
 *   node scripts/build.mjs --if-stale   # build only when src/, package.json, package-lock.json or this script changed since the last build
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')
const dist = join(root, 'dist')
const stamp = join(dist, '.build-stamp')
const inputs = [src, join(root, 'package.json'), join(root, 'package-lock.json'), join(root, 'tsconfig.json'), fileURLToPath(import.meta.url)]

/** Files under `dir`, recursively. */
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else yield path
  }
}

function newestInputMtime() {
  let newest = 0
  for (const input of inputs) {
    if (!existsSync(input)) continue
    const files = statSync(input).isDirectory() ? walk(input) : [input]
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs)
  }
  return newest
}

export function isStale() {
  return !existsSync(stamp) || !existsSync(join(dist, 'main.js')) || newestInputMtime() > statSync(stamp).mtimeMs
}

/** Test fixtures and notes live beside the code but are no part of the running server. */
const isAsset = (file) => !/\.(ts|tsx|md)$/.test(file) && !/[\\/](fixtures|__snapshots__)[\\/]/.test(file)

/** Writes to a temporary name and renames, so a server starting meanwhile never reads half a file. */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, path)
}

export async function build() {
  const started = performance.now()
  // Taken before reading the sources, so an edit made during the build leaves the build stale.
  const startedAt = new Date()
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    bundle: true,
    // One file parses and loads faster than hundreds of modules (measured: about 300–500 ms less
    // per start). PGlite stays a package: it reads its WebAssembly and data files beside itself;
    // argon2 is a native addon; pg-native is an optional peer of pg that keikai does not use.
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', '@node-rs/argon2', 'pg-native'],
    // Bundled CommonJS packages (pg, nodemailer) call require() for Node's own modules.
    banner: { js: "import { createRequire as __keikaiCreateRequire } from 'node:module'; const require = __keikaiCreateRequire(import.meta.url);" },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'warning',
  })
  // Ends esbuild's helper process, so that a server started right after in this process runs alone.
  await esbuild.stop()
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents)
  for (const file of walk(src)) {
    if (!isAsset(file)) continue
    const target = join(dist, relative(src, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, `${target}.${process.pid}.tmp`)
    renameSync(`${target}.${process.pid}.tmp`, target)
  }
  writeAtomically(stamp, `${startedAt.toISOString()}\n`)
  // The stamp's mtime is what --if-stale compares against: make it the time the build started.
  utimesSync(stamp, startedAt, startedAt)
  return performance.now() - started
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale')
  if (ifStale && !isStale()) process.exit(0)
  try {
    const ms = await build()
    process.stderr.write(`keikai: built dist/main.js in ${Math.round(ms)} ms\n`)
  } catch {
    // esbuild has printed the errors with their file and line.
    process.stderr.write('keikai: the build failed; see the errors above.\n')
    process.exit(1)
  }
}
