import { jstDateTime, xml } from '../portal/index.js'
import { statusXml, type StatusFields } from './status.js'

/** The namespaces of a JVNRSS 3.2 answer (getVulnOverviewList_api_hnd.md). */
export const JVNRSS_NAMESPACES = `xmlns="http://purl.org/rss/1.0/"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/"
  xmlns:status="http://jvndb.jvn.jp/myjvn/Status"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:marking="http://data-marking.mitre.org/Marking-1"
  xmlns:tlpMarking="http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1"`

/** Everything keikai publishes is TLP:CLEAR (WHITE in the TLP 1 marking the schemas know). */
const CHANNEL_HANDLING = `
    <sec:handling>
      <marking:Marking>
        <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" marking_model_name="TLP" marking_model_ref="http://www.us-cert.gov/tlp/" color="WHITE" />
      </marking:Marking>
    </sec:handling>`

/** The channel of a JVNRSS answer: the API's own description, dated now, listing `itemUris`. */
export function jvnrssChannel(c: { about: string; title: string; now: Date; lang: 'ja' | 'en'; itemUris: string[] }): string {
  return `<channel rdf:about="${xml(c.about)}">
    <title>${xml(c.title)}</title>
    <link>${xml(c.about)}</link>
    <description>${xml(c.title)}</description>
    <dc:language>${c.lang}</dc:language>
    <dc:date>${jstDateTime(c.now)}</dc:date>
    <dcterms:modified>${jstDateTime(c.now)}</dcterms:modified>${CHANNEL_HANDLING}
    <items>
      <rdf:Seq>${c.itemUris.map((u) => `\n        <rdf:li rdf:resource="${xml(u)}" />`).join('')}
      </rdf:Seq>
    </items>
  </channel>`
}

/** A whole JVNRSS 3.2 document: channel, items (already escaped), status. */
export function jvnrssDocument(d: { channel: string; itemsXml: string; status: StatusFields; lang: 'ja' | 'en' }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
  ${JVNRSS_NAMESPACES}
  xml:lang="${d.lang}">
  ${d.channel}${d.itemsXml}
  ${statusXml(d.status)}
</rdf:RDF>
`
}

/** A VULDEF 3.2 document (getVulnDetailInfo): its Vulinfo elements (already escaped), then the status. */
export function vuldefDocument(d: { vulinfosXml: string; status: StatusFields; lang: 'ja' | 'en' }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<VULDEF-Document version="3.2"
  xmlns="http://jvn.jp/vuldef/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:vuldef="http://jvn.jp/vuldef/"
  xmlns:status="http://jvndb.jvn.jp/myjvn/Status"
  xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/"
  xmlns:marking="http://data-marking.mitre.org/Marking-1"
  xmlns:tlpMarking="http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1"
  xml:lang="${d.lang}">${d.vulinfosXml}
  ${statusXml(d.status)}
</VULDEF-Document>
`
}

/** A `Result` document (results_3.3.xsd): the method's content (already escaped), then the status; `mjstat` is getStatistics' namespace. */
export function resultDocument(d: { contentXml: string; status: StatusFields }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Result version="3.3"
  xmlns="http://jvndb.jvn.jp/myjvn/Results"
  xmlns:mjres="http://jvndb.jvn.jp/myjvn/Results"
  xmlns:mjstat="http://jvndb.jvn.jp/myjvn/Statistics"
  xmlns:status="http://jvndb.jvn.jp/myjvn/Status">${d.contentXml}
  ${statusXml(d.status)}
</Result>
`
}
