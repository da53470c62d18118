import { GUIDE_TOPICS, type GuideTopic } from './guides.tables.js'

/** The documents one can download: the checklist and the two consumer guides (the notice topics too). */
export const DOWNLOAD_DOCUMENTS = GUIDE_TOPICS

/** The guide page of each document: where its QR code and its update notices point. */
export const DOCUMENT_PAGE: Readonly<Record<GuideTopic, string>> = {
  checklist: '/guides/developers/checklist',
  choosing: '/guides/consumers/choosing',
  using: '/guides/consumers/using',
}

/** The document a `:document` path segment names, or undefined (the route answers 404). */
export const downloadDocument = (name: string): GuideTopic | undefined =>
  (DOWNLOAD_DOCUMENTS as readonly string[]).includes(name) ? (name as GuideTopic) : undefined
