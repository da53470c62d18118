import type { Kysely } from 'kysely'
import * as foundation from './0001-foundation.js'
import * as secondFactor from './0002-second-factor.js'
import * as deadlines from './0003-deadlines.js'
import * as uncontactable from './0004-uncontactable.js'
import * as committee from './0005-committee.js'
import * as endOfLife from './0006-end-of-life.js'
import * as otherSources from './0007-other-sources.js'
import * as priorityInformation from './0008-priority-information.js'
import * as websites from './0009-websites.js'
import * as alerts from './0010-alerts.js'
import * as openpgp from './0011-openpgp.js'
import * as committeeGaps from './0013-committee-gaps.js'
import * as productCatalogue from './0014-product-catalogue.js'
import * as accountHardening from './0015-account-hardening.js'
import * as recoveryCodes from './0016-recovery-codes.js'
import * as accountAdmin from './0017-account-admin.js'
import * as bilingualNames from './0018-bilingual-names.js'
import * as jvndbNumbers from './0019-jvndb-numbers.js'
import * as cveIdPool from './0020-cve-id-pool.js'
import * as csafProvider from './0021-csaf-provider.js'
import * as statisticsSnapshot from './0022-statistics-snapshot.js'
import * as advisorySources from './0023-advisory-sources.js'
import * as advisorySearch from './0024-advisory-search.js'
import * as advisoryCompression from './0025-advisory-compression.js'
import * as mailHeaders from './0026-mail-headers.js'
import * as guides from './0027-guides.js'

export type Migration = { up: (db: Kysely<any>) => Promise<void> }

/** Every migration, in order. Names are frozen once released. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-second-factor': secondFactor,
  '0003-deadlines': deadlines,
  '0004-uncontactable': uncontactable,
  '0005-committee': committee,
  '0006-end-of-life': endOfLife,
  '0007-other-sources': otherSources,
  '0008-priority-information': priorityInformation,
  '0009-websites': websites,
  '0010-alerts': alerts,
  '0011-openpgp': openpgp,
  '0013-committee-gaps': committeeGaps,
  '0014-product-catalogue': productCatalogue,
  '0015-account-hardening': accountHardening,
  '0016-recovery-codes': recoveryCodes,
  '0017-account-admin': accountAdmin,
  '0018-bilingual-names': bilingualNames,
  '0019-jvndb-numbers': jvndbNumbers,
  '0020-cve-id-pool': cveIdPool,
  '0021-csaf-provider': csafProvider,
  '0022-statistics-snapshot': statisticsSnapshot,
  '0023-advisory-sources': advisorySources,
  '0024-advisory-search': advisorySearch,
  '0025-advisory-compression': advisoryCompression,
  '0026-mail-headers': mailHeaders,
  '0027-guides': guides,
}
