import type { Deps } from '../http/context.js'

/** Background work that runs from the database: scheduled publication and mail delivery. */
export function startWorkers(_deps: Deps): { stop: () => Promise<void> } {
  return { stop: async () => {} }
}
