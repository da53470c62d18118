import type { CurrentUser, Deps } from '../platform/http/context.js'
import { fileReport, type Upload } from '../intake/index.js'
import { websiteTitle } from '../cases/website-categories.js'
import type { WebsiteReportDetails, WebsiteReportInput } from './websites.schemas.js'


/**
 * Files a website report (DESIGN §2): like a product report, one transaction, receipt number and
 * tracking link. The URLs are stored as text and never fetched.
 */
export async function submitWebsiteReport(deps: Deps, input: { report: WebsiteReportInput; uploads: Upload[]; finder: CurrentUser | null }) {
  const { report } = input
  const details: WebsiteReportDetails = {
    urls: report.urls, operatorName: report.operatorName, vulnerabilityType: report.vulnerabilityType,
    impact: report.impact, description: report.description, reproduction: report.reproduction,
  }
  return fileReport(deps, {
    kind: 'website', uploads: input.uploads, finder: input.finder, title: websiteTitle(report.urls),
    caseFields: { vulnerability_type: report.vulnerabilityType, impact: report.impact },
    finderFields: report, details,
    eventData: { vulnerabilityType: report.vulnerabilityType, impact: report.impact },
  })
}
