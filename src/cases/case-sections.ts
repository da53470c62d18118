import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import type { PlatformFeature } from '../platform/feature.js'
import type { CaseView } from './case-view.js'

/** Props every case-page section gets: the request and the case as this viewer may see it. */
export type CaseSectionProps = { c: Ctx; view: CaseView }

/**
 * A part of the case page a feature contributes. `slot` places it: `summary` under the facts,
 * `handling` after the reports (intake decision, classification, parties, the website flow),
 * `sections` after the advisory (deadlines, committee, end of life …). A section decides itself
 * whether this viewer sees anything and returns null otherwise.
 */
export type CaseSection = { slot: 'summary' | 'handling' | 'sections'; render: (props: CaseSectionProps) => Child | Promise<Child> }

/** How a kind of report shows its kind-specific details (the product form's are the kernel's own). */
export type ReportDetails = { kind: 'product' | 'website'; render: (props: { c: Ctx; details: Record<string, unknown> }) => Child }

/**
 * A part of an organisation's page (coordination's) a later feature contributes, as the product
 * catalogue does, without coordination importing it. It decides itself whether the viewer sees anything.
 */
export type OrganizationSection = (props: { c: Ctx; org: { id: string; kind: string; name_ja: string; name_en: string } }) => Child | Promise<Child>

/** A feature as the case kernel sees it: the platform's parts plus what it adds to the case page (and the organisation page). */
export type Feature = PlatformFeature & { caseSections?: readonly CaseSection[]; reportDetails?: readonly ReportDetails[]; organizationSections?: readonly OrganizationSection[] }

const installed: { sections: CaseSection[]; reportDetails: ReportDetails[]; organizationSections: OrganizationSection[] } = { sections: [], reportDetails: [], organizationSections: [] }

/** Hands the features' case-page (and organisation-page) parts to the kernel, in feature order. Done once at start-up. */
export function installCaseSections(features: readonly Feature[]): void {
  installed.sections = features.flatMap((f) => f.caseSections ?? [])
  installed.reportDetails = features.flatMap((f) => f.reportDetails ?? [])
  installed.organizationSections = features.flatMap((f) => f.organizationSections ?? [])
}

export const caseSectionsIn = (slot: CaseSection['slot']) => installed.sections.filter((s) => s.slot === slot)
export const reportDetailsOf = (kind: string) => installed.reportDetails.find((r) => r.kind === kind)
export const organizationSections = (): readonly OrganizationSection[] => installed.organizationSections
