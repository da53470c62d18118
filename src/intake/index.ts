// What the intake feature exports for other features: the only file of intake another feature may import.
export { receiptResponse, reportRequest } from './intake.api.js'
export { uploadsOf } from './intake.routes.js'
export { fileReport } from './intake.usecases.js'
export type { Upload } from './intake.usecases.js'
export { AttachmentsField, DescriptionFields, FinderFields, ReportKindTabs } from './report-form.views.js'
