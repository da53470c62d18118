import type { FigureSources } from './quarterly-report.js'
import { productFigures } from './product-figures.js'
import { websiteFigures } from './website-figures.js'

/** The figure functions the public report reads: the product and website figures of DESIGN §8. */
export const reportSources: FigureSources = {
  product: (db, o) => productFigures(db, o),
  website: (db, o) => websiteFigures(db, o),
}
