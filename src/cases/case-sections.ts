import type { Child } from 'hono/jsx'
import type { Ctx } from '../platform/http/context.js'
import type { PlatformFeature } from '../platform/feature.js'
import type { CaseView } from './case-view.js'

/** Props every case-page section gets: the request and the case as this viewer may see it. */
export type CaseSectionProps = { c: Ctx; view: CaseView }

/** The case page's tabs, in order. Every tab starts with the summary; `?tab=` picks one (report by default). */
export const CASE_TABS = ['report', 'parties', 'advisory', 'deadlines', 'threads', 'timeline'] as const
export type CaseTab = (typeof CASE_TABS)[number]

/** A transition of the case's table a section's form performs; `can` says whether this person may (default: any staff viewer). */
export type SectionAction = { action: string; can?: (props: CaseSectionProps) => boolean }

/**
 * A part of the case page a feature contributes. `slot` places it: `facts` adds lines (`<dt>`/`<dd>`)
 * to the summary's list and `summary` goes under the summary, both on every tab; a tab name puts it
 * in that tab. A section decides itself whether this viewer sees anything and returns null otherwise.
 *
 * `actions` are the transitions its forms perform: the summary offers those the transition table
 * allows now (and `can` allows this person) as links to the section (`#id`). With `serves`, the page
 * asks the section only while it serves the case's state — one of its actions is allowed now, or the
 * case is in one of `serves.states` — and otherwise leaves it out (`idle: 'absent'`, the default) or
 * shows it closed (`idle: 'collapsed'`, for a section that keeps a record worth opening).
 */
export type CaseSection = {
  slot: 'facts' | 'summary' | CaseTab
  render: (props: CaseSectionProps) => Child | Promise<Child>
  /** The anchor the page gives the section, which the summary's next-action links point at. */
  id?: string
  actions?: readonly SectionAction[]
  serves?: { states?: readonly string[]; idle?: 'absent' | 'collapsed'; title?: string }
}

/** How a kind of report shows its kind-specific details (the product form's are the kernel's own). */
export type ReportDetails = { kind: 'product' | 'website'; render: (props: { c: Ctx; details: Record<string, unknown> }) => Child }

/**
 * A part of an organisation's page (coordination's) a later feature contributes, as the product
 * catalogue does, without coordination importing it. It decides itself whether the viewer sees anything.
 */
export type OrganizationSection = (props: { c: Ctx; org: { id: string; kind: string; name_ja: string; name_en: string } }) => Child | Promise<Child>

/** A public advisory as the features that publish it in other formats see it: enough to link their output. */
export type AdvisoryRef = {
  identifier: string; slug: string; jvndbId: string | null; publishedAt: Date; cveIds: string[]; hasPackage: boolean
  /** False for an entry imported from another publisher: keikai does not re-issue its CSAF document or CVE record. */
  own: boolean
}

/**
 * A machine-readable form of a public advisory a feature serves (CSAF, CVE record, OSV, VULDEF …):
 * the advisory page lists its links under "Formats" and announces each with `<link rel="alternate">`.
 * `label` is a message key; `links` may be empty when the format does not apply (OSV without a package).
 */
export type AdvisoryFormat = { label: string; type: string; links: (a: AdvisoryRef) => Array<{ href: string; text?: string }> }

/** A feature as the case kernel sees it: the platform's parts plus what it adds to the case page (and the organisation page) and to a public advisory's formats. */
export type Feature = PlatformFeature & {
  caseSections?: readonly CaseSection[]; reportDetails?: readonly ReportDetails[]; organizationSections?: readonly OrganizationSection[]
  advisoryFormats?: readonly AdvisoryFormat[]
}

const installed: { sections: CaseSection[]; reportDetails: ReportDetails[]; organizationSections: OrganizationSection[]; advisoryFormats: AdvisoryFormat[] } = {
  sections: [], reportDetails: [], organizationSections: [], advisoryFormats: [],
}

/** Hands the features' case-page (and organisation-page) parts to the kernel, in feature order. Done once at start-up. */
export function installCaseSections(features: readonly Feature[]): void {
  installed.sections = features.flatMap((f) => f.caseSections ?? [])
  installed.reportDetails = features.flatMap((f) => f.reportDetails ?? [])
  installed.organizationSections = features.flatMap((f) => f.organizationSections ?? [])
  installed.advisoryFormats = features.flatMap((f) => f.advisoryFormats ?? [])
}

export const caseSectionsIn = (slot: CaseSection['slot']) => installed.sections.filter((s) => s.slot === slot)
export const allCaseSections = (): readonly CaseSection[] => installed.sections

/**
 * Whether a section serves the case now: it declares no `serves` (it decides itself), one of its
 * actions is allowed from the current state, or the case is in one of the states it names. Pure.
 */
export function servesNow(section: Pick<CaseSection, 'actions' | 'serves'>, now: { status: string; actions: readonly string[] }): boolean {
  if (!section.serves) return true
  return (section.actions ?? []).some((a) => now.actions.includes(a.action)) || (section.serves.states ?? []).includes(now.status)
}
export const reportDetailsOf = (kind: string) => installed.reportDetails.find((r) => r.kind === kind)
export const organizationSections = (): readonly OrganizationSection[] => installed.organizationSections
export const advisoryFormats = (): readonly AdvisoryFormat[] => installed.advisoryFormats
