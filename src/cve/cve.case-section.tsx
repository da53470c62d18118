import type { CaseSectionProps } from '../cases/case-sections.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import { identifierSlug } from '../advisories/index.js'
import { cvePolicies } from './cve.policies.js'
import { countFree } from './cve-pool.repository.js'
import { CaseCveView } from './cve.views.js'

/** The CVE IDs of a product case's vulnerabilities, for its coordinators (advisory tab). */
export async function CveCaseSection({ c, view }: CaseSectionProps) {
  const { user, deps, lang } = c.var
  if (view.viewer !== 'staff' || !cvePolicies.assignCveId(user, { caseKind: view.kase.kind })) return null
  const a = view.advisory
  const isPublic = Boolean(a && a.status !== 'draft' && a.publish_at && a.publish_at <= deps.clock.now())
  const editable = !isPublic && !CLOSED_PRODUCT_STATUSES.includes(view.kase.status as ProductCaseStatus)
  const vulnerabilities = view.vulnerabilities.map((v) => ({
    id: v.id, position: v.position, cveId: v.cve_id, title: (lang === 'en' ? v.title_en : v.title_ja) || v.title_ja || v.title_en,
  }))
  return (
    <CaseCveView c={c} caseId={view.kase.id} vulnerabilities={vulnerabilities} free={editable ? await countFree(deps.db) : 0} editable={editable}
      publicSlug={isPublic && a?.identifier ? identifierSlug(a.identifier) : null} />
  )
}
