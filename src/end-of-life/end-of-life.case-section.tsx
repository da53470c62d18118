import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { DuplicateSection, EndingsSection, EndOfLifeSection } from './end-of-life.views.js'
import { endOfLifePolicies } from './end-of-life.policies.js'

/** What end-of-life adds to the case page, for the viewer the view model describes (null when nothing). */
export function EndOfLifeCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const user = c.var.user
  if (view.viewer !== 'staff') return null
  const k = view.kase
  // Duplicates join one case of either kind; end of life and these endings are the product flow's.
  if (k.kind !== 'product') return <DuplicateSection c={c} view={view} canJoin={endOfLifePolicies.joinDuplicate(user, view.relation)} />
  return (
    <>
      <DuplicateSection c={c} view={view} canJoin={endOfLifePolicies.joinDuplicate(user, view.relation)} />
      {endOfLifePolicies.manageEndOfLife(user, view.relation) && !['received', 'not_accepted'].includes(k.status) && <EndOfLifeSection c={c} view={view} />}
      {endOfLifePolicies.endCase(user, view.relation) && <EndingsSection c={c} view={view} />}
    </>
  )
}
