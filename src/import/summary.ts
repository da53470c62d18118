import type { ImportSummary } from './import.usecases.js'

/** The import summary as the CLI prints it (English, like the other scripts' output). */
export function formatSummary(s: ImportSummary, seconds?: number): string {
  const lines = [
    `read ${s.read}, added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, older ${s.older}, skipped ${s.skipped}, bad records ${s.badCount}` +
      (seconds !== undefined ? ` (${seconds.toFixed(1)} s)` : ''),
  ]
  if (s.badCount > 0) {
    lines.push('bad records (skipped):')
    for (const b of s.bad) lines.push(`  ${b.file ? `${b.file}: ` : ''}${b.record && !b.file.endsWith(b.record) ? `${b.record}: ` : ''}${b.reason}`)
    if (s.badCount > s.bad.length) lines.push(`  … and ${s.badCount - s.bad.length} more`)
  }
  return lines.join('\n') + '\n'
}
