import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'

/** What a section of an organisation's page gets: the request and the organisation. */
export type OrganizationSectionProps = { c: Ctx; org: { id: string; kind: string; name_ja: string; name_en: string } }
export type OrganizationSection = (props: OrganizationSectionProps) => Child | Promise<Child>

const sections: OrganizationSection[] = []

/**
 * Lets a later feature add a part to the organisation page (the product catalogue does) without
 * coordination importing it; registered once, when that feature's module loads. Each section
 * decides itself whether the viewer sees anything.
 */
export function addOrganizationSection(section: OrganizationSection): void {
  if (!sections.includes(section)) sections.push(section)
}

export const organizationSections = (): readonly OrganizationSection[] => sections
