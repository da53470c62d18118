// What the coordination feature exports for other features: the only file of coordination another feature may import.
export { ContactsSection } from './contact-form.views.js'
export { contactSchema, organizationSchema, responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'
export { respondToCase, setVulnerabilityStatus } from './developer-response.usecases.js'
export { addContact, createOrganization, listOrganizations, loadOrganization } from './organizations.usecases.js'
export { notifyDeveloper } from './parties.usecases.js'
