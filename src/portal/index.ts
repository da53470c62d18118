// What the portal feature exports for other features: the only file of portal another feature may import.
export { jstDateTime, rdfFeed, xml } from './rss.js'
