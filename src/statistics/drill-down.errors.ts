import { AppError } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/field-messages.js'

/** Errors of the staff report and its drill-down, each with a stable code (`error.<code>` in statistics.messages.ts). */
export const drillDownErrors = {
  /** The website figures' code and message; the field's message says the range in the reader's language. */
  invalidAsOf: (earliest: string, latest: string) => new AppError('statistics.invalid_as_of', 400,
    `asOf must be a date YYYY-MM-DD from ${earliest} to ${latest}.`, fieldDetails({ asOf: { key: 'statistics.staff.as_of_range', params: { from: earliest, to: latest } } })),
  unknownParameter: (name: string, known: readonly string[]) => new AppError('statistics.staff_unknown_parameter', 400,
    `Unknown parameter ${JSON.stringify(name)}: this page takes ${known.join(', ')}.`, { fields: { [name]: `Unknown parameter; use ${known.join(', ')}.` }, known: known.join(', ') }),
  invalidSide: (given: string) => new AppError('statistics.drill_invalid_side', 400,
    `side must be product or website, not ${JSON.stringify(given)}.`, { fields: { side: 'product or website' } }),
  invalidPeriod: (given: string) => new AppError('statistics.drill_invalid_period', 400,
    `period must be all (every report received since 2004-07-08) or quarter (received in the date's quarter), not ${JSON.stringify(given)}.`, { fields: { period: 'all or quarter' } }),
  unknownFigure: (side: string, figure: string, figures: readonly string[]) => new AppError('statistics.drill_unknown_figure', 400,
    `${JSON.stringify(figure)} is no figure of the ${side} side with a drill-down: use one of ${figures.join(', ')}.`,
    { fields: { figure: `One of ${figures.join(', ')}.` }, figures: figures.join(', ') }),
  unknownKey: (figure: string, key: string) => new AppError('statistics.drill_unknown_key', 400,
    `${JSON.stringify(key)} is no row of the figure ${figure}: use a row key of the report's table (e.g. total).`, { fields: { key: 'A row key of the figure, e.g. total.' }, figure }),
  invalidPage: () => new AppError('statistics.drill_invalid_page', 400,
    'page must be a whole number from 1.', { fields: { page: 'A whole number from 1.' } }),
}
