import type { Feature } from '../cases/case-sections.js'
import { productsPolicies } from './products.policies.js'
import { productsRoutes } from './products.routes.js'
import { productsMessages } from './products.messages.js'
import { productsOperations } from './products.openapi.js'
import { CaseProductsSection, OrganizationProductsSection } from './products.views.js'

// The feature as the composition root (src/features.ts) plugs it in.
export const productsFeature: Feature = {
  name: 'products',
  routes: [productsRoutes],
  messages: productsMessages,
  openapi: productsOperations,
  policies: productsPolicies,
  nav: [{ href: '/my/products', label: 'nav.my_products', group: 'mine', visible: productsPolicies.hasOwnCatalogue }],
  caseSections: [{ slot: 'advisory', render: CaseProductsSection }],
  // The organisation page is coordination's, which knows no later feature: the catalogue adds its part there.
  organizationSections: [OrganizationProductsSection],
}
