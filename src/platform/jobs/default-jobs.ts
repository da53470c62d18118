import { publishDueAdvisories } from '../../advisories/publication.usecases.js'
import { deliverDueMail } from '../mail/delivery.js'
import { notifyDueProvisions } from '../../priority-information/provision-notices.job.js'
import { runDeadlineJobs } from '../../deadlines/deadline-jobs.js'
import { recordDueListingDetails } from '../../uncontactable/listing-details.job.js'
import type { Job } from './workers.js'

/**
 * The work the app does in the background, in order each tick: publish what is due first, so that
 * mail queued by a publication goes out in the same tick.
 */
export const defaultJobs: readonly Job[] = [
  { name: 'publish-due-advisories', run: publishDueAdvisories },
  { name: 'record-due-listing-details', run: recordDueListingDetails },
  { name: 'deadlines', run: runDeadlineJobs },
  { name: 'notify-due-priority-information', run: notifyDueProvisions },
  { name: 'deliver-due-mail', run: (deps) => deliverDueMail(deps) },
]
