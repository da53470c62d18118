import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Validates an XML document (a string) against an XML Schema with `xmllint --noout --schema`
 * (libxml2-utils). `schema` is a path relative to test/fixtures (e.g. `myjvn/schemas/hnd/jvnrss_3.2.xsd`).
 * Returns xmllint's complaints; an empty list means the document validates.
 */
export function xmlSchemaErrors(document: string, schema: string): string[] {
  const schemaPath = fileURLToPath(new URL(`../fixtures/${schema}`, import.meta.url))
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schemaPath, '-'], { input: document, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
    return []
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? e)
    return stderr.split('\n').filter((l) => l.trim() && !/ validates$/.test(l) && !/fails to validate$/.test(l))
  }
}

/** Whether a document is well-formed XML at all (no schema). */
export function xmlWellFormedErrors(document: string): string[] {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '-'], { input: document, stdio: ['pipe', 'pipe', 'pipe'] })
    return []
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e).split('\n').filter((l) => l.trim())
  }
}
