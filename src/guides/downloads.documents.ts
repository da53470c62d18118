import { GUIDE_TOPICS, type GuideTopic } from './guides.tables.js'
import { GUIDE_PAGES } from './guide-pages.js'

/** The documents one can download: the checklist and the two consumer guides (the notice topics too). */
export const DOWNLOAD_DOCUMENTS = GUIDE_TOPICS

/** The guide page of each document (the topic's page that is not a checklist item): where its QR code and its update notices point. */
export const DOCUMENT_PAGE = Object.fromEntries(
  GUIDE_TOPICS.map((topic) => [topic, GUIDE_PAGES.find((p) => p.topic === topic && p.item === undefined)!.path]),
) as Readonly<Record<GuideTopic, string>>

/** The document a `:document` path segment names, or undefined (the route answers 404). */
export const downloadDocument = (name: string): GuideTopic | undefined =>
  (DOWNLOAD_DOCUMENTS as readonly string[]).includes(name) ? (name as GuideTopic) : undefined
