import type { TestApp } from '../../support/test-app.js'
import type { TestUser } from '../../support/clients.js'
import type { Actor } from './access-types.js'
import { deadlinesSeed } from './deadlines.access.js'
import { uncontactableSeed } from './uncontactable.access.js'
import { committeeSeed } from './committee.access.js'
import { endOfLifeSeed } from './end-of-life.access.js'
import { coordinationRequestsSeed } from './coordination-requests.access.js'
import { priorityInformationSeed } from './priority-information.access.js'
import { selfReportsSeed } from './self-reports.access.js'
import { websitesSeed } from './websites.access.js'
import { longRunningSeed } from './long-running.access.js'
import { alertsSeed } from './alerts.access.js'
import { statisticsSeed } from './statistics.access.js'
import { productsSeed } from './products.access.js'
import { accountsSeed } from './accounts.access.js'
import { osvSeed } from './osv.access.js'
import { csafSeed } from './csaf.access.js'
import { jvndbFeedsSeed } from './jvndb-feeds.access.js'
import { cveSeed } from './cve.access.js'
import { guidesChecklistSeed } from './guides-checklist.access.js'
import { guidesPagesSeed } from './guides-pages.access.js'
import { guidesOutreachSeed } from './guides-outreach.access.js'


/** The world the authorisation matrix builds: one case with a notified developer and a scheduled advisory. */
export type AccessWorld = {
  t: TestApp
  caseId: string
  partyId: string
  reportId: string
  orgId: string
  ciOrgId: string
  otherCiOrgId: string
  advisoryIdentifier: string
  /** A website case notified to `operator`'s organisation, filed by the same `finder`. */
  website: { caseId: string; partyId: string; reportId: string; orgId: string }
  users: Record<Actor, TestUser | null>
}

/**
 * Each feature may add objects its routes need and return the values of its route parameters
 * (`{ listingId: '…' }` fills `:listingId`). Parameter names are unique across features.
 */
export type AccessSeed = (world: AccessWorld) => Promise<Record<string, string>>

export const accessSeeds: AccessSeed[] = [deadlinesSeed, uncontactableSeed, committeeSeed, endOfLifeSeed, coordinationRequestsSeed, priorityInformationSeed,
  selfReportsSeed, websitesSeed, longRunningSeed, alertsSeed, statisticsSeed, productsSeed, accountsSeed, csafSeed, jvndbFeedsSeed, osvSeed, cveSeed,
  guidesChecklistSeed, guidesPagesSeed, guidesOutreachSeed]
  .filter((s): s is AccessSeed => s !== null)
