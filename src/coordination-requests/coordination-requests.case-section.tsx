import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'

/** What coordination-requests adds to the case page, for the viewer the view model describes (null when nothing). */
export function CoordinationRequestsCaseSection(_props: { c: Ctx; view: CaseView }) {
  return null
}
