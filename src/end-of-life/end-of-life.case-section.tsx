import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { DuplicateSection, EndingsSection, EndOfLifeSection } from './end-of-life.views.js'
import { endOfLifePolicies } from './end-of-life.policies.js'

/** Where a received report that duplicates another went, or the form to join it there: intake and coordinators. */
export function DuplicateCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  if (view.viewer !== 'staff') return null
  return <DuplicateSection c={c} view={view} canJoin={endOfLifePolicies.joinDuplicate(c.var.user, view.relation)} />
}

/** A product case's support end and the handling chosen for it (A–E), for those who manage end of life. */
export function EndOfLifeCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const k = view.kase
  if (view.viewer !== 'staff' || k.kind !== 'product' || ['received', 'not_accepted'].includes(k.status)) return null
  return endOfLifePolicies.manageEndOfLife(c.var.user, view.relation) ? <EndOfLifeSection c={c} view={view} /> : null
}

/** 個別対応 and low-impact closure of a product case: the forms while the case can end so, the record once it has. */
export function EndingsCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  if (view.viewer !== 'staff' || view.kase.kind !== 'product') return null
  return endOfLifePolicies.endCase(c.var.user, view.relation) ? <EndingsSection c={c} view={view} /> : null
}
