import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'

/** What priority-information adds to the case page, for the viewer the view model describes (null when nothing). */
export function PriorityInformationCaseSection(_props: { c: Ctx; view: CaseView }) {
  return null
}
