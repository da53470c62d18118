import type { Ctx } from '../platform/http/context.js'

/**
 * The blank checklist as a document to print or download: every part, item and level, with a
 * place to mark the level reached. (Skeleton: filled in by the checklist work.)
 */
export function ChecklistDocument(props: { c: Ctx }) {
  return <section class="guide-document">{props.c.var.t('guides.checklist.title')}</section>
}
