import { AppError } from '../platform/errors.js'

/** Errors of the statistics, each with a stable code (`error.<code>` in the catalogues). */
export const statisticsErrors = {
  invalidAsOf: (earliest: string, latest: string) => new AppError('statistics.invalid_as_of', 400,
    `asOf must be a date YYYY-MM-DD from ${earliest} to ${latest}.`, { fields: { asOf: `A date YYYY-MM-DD from ${earliest} to ${latest}.` } }),
  unknownParameter: (name: string) => new AppError('statistics.unknown_parameter', 400,
    `Unknown parameter ${JSON.stringify(name)}: the figures take asOf=YYYY-MM-DD and longRunningDays=N.`, { fields: { [name]: 'Unknown parameter; use asOf and longRunningDays.' } }),
  invalidLongRunningDays: () => new AppError('statistics.invalid_long_running_days', 400,
    'longRunningDays must be a whole number of days from 1 to 3650.', { fields: { longRunningDays: 'A whole number from 1 to 3650.' } }),
}
