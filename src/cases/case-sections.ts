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

/** A feature as the case kernel sees it: the platform's parts plus what it adds to the case page. */
export type Feature = PlatformFeature & { caseSections?: readonly CaseSection[]; reportDetails?: readonly ReportDetails[] }

const installed: { sections: CaseSection[]; reportDetails: ReportDetails[] } = { sections: [], reportDetails: [] }

/** Hands the features' case-page parts to the kernel, in feature order. Done once at start-up. */
export function installCaseSections(features: readonly Feature[]): void {
  installed.sections = features.flatMap((f) => f.caseSections ?? [])
  installed.reportDetails = features.flatMap((f) => f.reportDetails ?? [])
}

export const caseSectionsIn = (slot: CaseSection['slot']) => installed.sections.filter((s) => s.slot === slot)
export const reportDetailsOf = (kind: string) => installed.reportDetails.find((r) => r.kind === kind)
