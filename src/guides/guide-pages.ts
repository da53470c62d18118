import type { GuideTopic } from './guides.tables.js'

/**
 * Every guide page a visitor can reach, by its path: the pages that count visits, carry a QR code
 * and take ratings. A page's key is its path, so the dashboard names pages as people see them.
 */
export type GuidePage = { path: string; topic: GuideTopic | null; titleKey: string; item?: number }

export const CHECKLIST_ITEM_COUNT = 12

export const checklistItemPath = (n: number) => `/guides/developers/checklist/items/${n}`

export const GUIDE_PAGES: readonly GuidePage[] = [
  { path: '/guides', topic: null, titleKey: 'guides.index_title' },
  { path: '/guides/developers/checklist', topic: 'checklist', titleKey: 'guides.checklist.title' },
  ...Array.from({ length: CHECKLIST_ITEM_COUNT }, (_, i) => ({ path: checklistItemPath(i + 1), topic: 'checklist' as const, titleKey: 'guides.checklist.item_page_title', item: i + 1 })),
  { path: '/guides/consumers/choosing', topic: 'choosing', titleKey: 'guides.choosing.title' },
  { path: '/guides/consumers/using', topic: 'using', titleKey: 'guides.using.title' },
]

const byPath = new Map(GUIDE_PAGES.map((p) => [p.path, p]))

/** The guide page at this path, or undefined: a rating or QR code for anything else is refused. */
export const guidePage = (path: string): GuidePage | undefined => byPath.get(path)
