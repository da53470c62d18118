import { commonMessages } from './common.messages.js'
import { casesMessages } from '../../cases/cases.messages.js'
import { accountsMessages } from '../../accounts/accounts.messages.js'
import { intakeMessages } from '../../intake/intake.messages.js'
import { coordinationMessages } from '../../coordination/coordination.messages.js'
import { advisoriesMessages } from '../../advisories/advisories.messages.js'
import { portalMessages } from '../../portal/portal.messages.js'
import { adminMessages } from '../../admin/admin.messages.js'
import { deadlinesMessages } from '../../deadlines/deadlines.messages.js'
import { uncontactableMessages } from '../../uncontactable/uncontactable.messages.js'
import { committeeMessages } from '../../committee/committee.messages.js'
import { endOfLifeMessages } from '../../end-of-life/end-of-life.messages.js'
import { coordinationRequestsMessages } from '../../coordination-requests/coordination-requests.messages.js'
import { priorityInformationMessages } from '../../priority-information/priority-information.messages.js'
import { selfReportsMessages } from '../../self-reports/self-reports.messages.js'
import { websitesMessages } from '../../websites/websites.messages.js'
import { longRunningMessages } from '../../websites/long-running.messages.js'
import { alertsMessages } from '../../alerts/alerts.messages.js'
import { statisticsMessages } from '../../statistics/statistics.messages.js'
import type { Catalogue } from './define.js'

const parts: Catalogue[] = [commonMessages, casesMessages, accountsMessages, intakeMessages, coordinationMessages, advisoriesMessages, portalMessages, adminMessages,
  deadlinesMessages, uncontactableMessages, committeeMessages, endOfLifeMessages, coordinationRequestsMessages, priorityInformationMessages,
  selfReportsMessages, websitesMessages, longRunningMessages, alertsMessages, statisticsMessages]

/** Every visible string, by language. Each feature owns its own message file. */
export const catalogue: Catalogue = {
  ja: Object.assign({}, ...parts.map((p) => p.ja)),
  en: Object.assign({}, ...parts.map((p) => p.en)),
}
