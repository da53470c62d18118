import { detailsOf } from './reports.repository.js'
import type { CaseView } from './case-view.js'

/** A case as the API shows it to one viewer: the same filtering as the page, as JSON. */
export function presentCase(view: CaseView) {
  const k = view.kase
  return {
    id: k.id,
    kind: k.kind,
    status: k.status,
    source: k.source,
    title: k.title,
    viewer: view.viewer,
    acceptedAt: k.accepted_at,
    startDate: k.start_date,
    rejectionReason: k.rejection_reason,
    ...(k.kind === 'website' ? { website: { vulnerabilityType: k.vulnerability_type, impact: k.impact, fixType: k.fix_type, fixedOn: k.fixed_on, notifiedOn: k.start_date } } : {}),
    allowedActions: view.actions,
    reports: view.reports.map((r) => ({
      id: r.id,
      receiptNumber: r.receipt_number,
      submittedAt: r.submitted_at,
      finder: r.identityVisible ? { name: r.finder_name, email: r.finder_email, organization: r.finder_organization } : null,
      consentCredit: r.consent_credit,
      details: detailsOf(r),
      attachments: r.attachments.map((a) => ({ id: a.id, filename: a.filename, size: a.size, sha256: a.sha256 })),
    })),
    parties: view.parties.map((p) => ({
      id: p.id, organizationId: p.organization_id, name: { ja: p.name_ja, en: p.name_en }, status: p.status, notifiedAt: p.notified_at,
      response: p.response, statement: { ja: p.statement_ja, en: p.statement_en }, fixPlan: p.fix_plan,
      proposedPublicationDate: p.proposed_publication_date,
      vulnerabilityStatuses: view.vulnStatuses.filter((s) => s.party_id === p.id).map((s) => ({ vulnerabilityId: s.vulnerability_id, status: s.status })),
    })),
    contactAttempts: view.attempts.map((a) => ({ id: a.id, partyId: a.party_id, channel: a.channel, address: a.address, attemptedAt: a.attempted_at, result: a.result, note: a.note })),
    vulnerabilities: view.vulnerabilities.map((v) => ({
      id: v.id, position: v.position, title: { ja: v.title_ja, en: v.title_en }, cve: v.cve_id, cwe: v.cwe_id,
      cvss31: v.cvss31_vector ? { vector: v.cvss31_vector, score: Number(v.cvss31_score) } : null,
      cvss40: v.cvss40_vector ? { vector: v.cvss40_vector, score: Number(v.cvss40_score) } : null,
    })),
    threads: [
      ...view.developerThreads.map((th) => ({ kind: 'developer', partyId: th.party.id, messages: th.messages.map(presentMessage) })),
      ...view.finderThreads.map((th) => ({ kind: 'finder', reportId: th.report.id, messages: th.messages.map(presentMessage) })),
    ],
    advisory: view.advisory ?? null,
    timeline: view.timeline.map((e) => ({ type: e.type, from: e.from_status, to: e.to_status, at: e.occurred_at, actor: e.actor_label })),
  }
}

const presentMessage = (m: { id: string; author_label: string; body: string; created_at: Date }) => ({ id: m.id, author: m.author_label, body: m.body, at: m.created_at })
