// What the portal feature exports for other features: the only file of portal another feature may import.
export { itemXml as advisoryRssItem, jstDateTime, rdfFeed, xml } from './rss.js'
