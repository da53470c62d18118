import type { AdvisoryFormat } from '../cases/case-sections.js'

/** The MyJVN detail of an advisory's JVN iPedia entry, linked from its page: VULDEF 3.2 XML and the JSON form. */
const detail = (feed: 'hnd' | 'oka') => (a: { jvndbId: string | null }) =>
  a.jvndbId ? [{ href: `/myjvn?method=getVulnDetailInfo&feed=${feed}&vulnId=${encodeURIComponent(a.jvndbId)}`, text: a.jvndbId }] : []

export const vuldefFormats: readonly AdvisoryFormat[] = [
  { label: 'myjvn.format.vuldef_xml', type: 'application/xml', links: detail('hnd') },
  { label: 'myjvn.format.vuldef_json', type: 'application/json', links: detail('oka') },
]
