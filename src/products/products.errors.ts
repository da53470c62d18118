import { AppError, errors } from '../platform/errors.js'

/** Errors of the product catalogue, each with a stable code (`error.<code>` in the catalogues). */
export const productErrors = {
  inUse: (cases: number) => new AppError('products.in_use', 409,
    `The product is used by ${cases} case(s) and cannot be deleted; remove it from those cases first.`, { cases }),
  notInCaseCatalogues: () => errors.invalidInput({ fields: { productId: "Not a product of this case's developer organisations." } }),
  statusContradictsDate: () => errors.invalidInput({ fields: { status: 'The support-end date decides the status: leave it out, or clear the date.' } }),
  noCaseProducts: () => new AppError('products.none_on_case', 409, 'The case has no products yet: pick them from the developer catalogues first.'),
  notDeveloper: () => errors.invalidInput({ fields: { organizationId: 'Products belong to developer organisations.' } }),
}
