import type { Feature } from './cases/case-sections.js'
import type { Job } from './platform/jobs/workers.js'
import { deliverDueMail } from './platform/mail/delivery.js'
import { accountsFeature } from './accounts/accounts.feature.js'
import { intakeFeature } from './intake/intake.feature.js'
import { duplicatesFeature } from './duplicates/duplicates.feature.js'
import { casesFeature } from './cases/cases.feature.js'
import { coordinationFeature } from './coordination/coordination.feature.js'
import { advisoriesFeature } from './advisories/advisories.feature.js'
import { portalFeature } from './portal/portal.feature.js'
import { adminFeature } from './admin/admin.feature.js'
import { apiFeature } from './api/api.feature.js'
import { deadlinesFeature } from './deadlines/deadlines.feature.js'
import { uncontactableFeature } from './uncontactable/uncontactable.feature.js'
import { committeeFeature } from './committee/committee.feature.js'
import { productsFeature } from './products/products.feature.js'
import { endOfLifeFeature } from './end-of-life/end-of-life.feature.js'
import { coordinationRequestsFeature } from './coordination-requests/coordination-requests.feature.js'
import { priorityInformationFeature } from './priority-information/priority-information.feature.js'
import { selfReportsFeature } from './self-reports/self-reports.feature.js'
import { websitesFeature } from './websites/websites.feature.js'
import { alertsFeature } from './alerts/alerts.feature.js'
import { statisticsFeature } from './statistics/statistics.feature.js'
import { osvFeature } from './osv/osv.feature.js'
import { csafFeature } from './csaf/csaf.feature.js'
import { myjvnFeature } from './myjvn/myjvn.feature.js'
import { cveFeature } from './cve/cve.feature.js'
import { importFeature } from './import/import.feature.js'
import { staticExportFeature } from './static-export/static-export.feature.js'
import { guidesFeature } from './guides/guides.feature.js'

/**
 * Every feature of keikai, the one place that names them all. Order matters where it shows:
 * routes are matched, case-page sections and navigation links shown, and jobs run in this order.
 * A new feature is one entry here (see README, "Adding a feature").
 */
export const features: readonly Feature[] = [
  accountsFeature,
  intakeFeature,
  duplicatesFeature,
  casesFeature,
  coordinationFeature,
  advisoriesFeature,
  portalFeature,
  staticExportFeature,
  adminFeature,
  apiFeature,
  deadlinesFeature,
  uncontactableFeature,
  committeeFeature,
  productsFeature,
  endOfLifeFeature,
  coordinationRequestsFeature,
  priorityInformationFeature,
  selfReportsFeature,
  websitesFeature,
  alertsFeature,
  statisticsFeature,
  osvFeature,
  csafFeature,
  myjvnFeature,
  cveFeature,
  importFeature,
  guidesFeature,
]

/** The background work of every feature, then mail delivery last, so mail queued in a tick goes out in it. */
export const backgroundJobs: readonly Job[] = [
  ...features.flatMap((f) => f.jobs ?? []),
  { name: 'deliver-due-mail', run: (deps) => deliverDueMail(deps) },
]
