import { AppError } from '../platform/errors.js'

/** Errors of the quarterly report, each with a stable code (`error.<code>` in statistics.messages.ts). */
export const quarterlyReportErrors = {
  invalidQuarter: (given: string) => new AppError('statistics.invalid_quarter', 400,
    `${JSON.stringify(given)} is not a quarter: write it as YYYYQn, e.g. 2019Q3.`, { fields: { quarter: 'A quarter as YYYYQn, e.g. 2019Q3.' } }),
  noReport: (quarter: string, latest: string) => new AppError('statistics.no_report', 404,
    `There is no report for ${quarter}: reports exist from 2004Q3 to ${latest}, the last finished quarter.`, { latest }),
  invalidFormat: () => new AppError('statistics.invalid_format', 400,
    'format must be csv or xlsx, and table one of the report\'s tables.', { fields: { format: 'csv or xlsx', table: 'A table id of the report.' } }),
}
