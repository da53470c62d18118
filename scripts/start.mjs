/**
 * `npm start`: builds the server when the build is missing or older than the sources (see
 * `scripts/build.mjs`), then runs the compiled `dist/main.js` in this same process. In production,
 * after `npm ci` (whose `prepare` builds), `node --enable-source-maps dist/main.js` is the same server.
 */
import { build, isStale } from './build.mjs'

if (isStale()) {
  try {
    const ms = await build()
    process.stderr.write(`keikai: built dist/main.js in ${Math.round(ms)} ms\n`)
  } catch {
    process.stderr.write('keikai: the build failed; see the errors above.\n')
    process.exit(1)
  }
}
await import('../dist/main.js')
