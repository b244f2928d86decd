import { controls as catalog } from '../catalog/catalog.js';
import type { DriftFinding, DriftReport } from '../drift/drift-report.js';
import type { CurrentEvidence } from '../evaluate/current-evidence.js';
import type { ContentId } from '../evidence/evidence.js';
import type { CheckResult } from '../run/results.js';

export type EvidenceStatus =
  | 'failing'
  | 'passing'
  | 'not-assessable'
  | 'attested'
  | 'unjudged'
  | 'no-evidence';
export type Coverage = 'automated' | 'manual' | 'none';

/** What the evidence says about one Annex A control at one moment, for reports, OSCAL and the SoA export. */
export interface ControlState {
  id: string;
  title: string;
  status: EvidenceStatus;
  coverage: Coverage;
  results: CheckResult[];
  /** Evidence the control's results and current records rest on, sorted. */
  evidence: ContentId[];
  lastEvidenceAt: string | null;
  findings: DriftFinding[];
  /** Findings that block (every kind but `understated`). */
  openFindings: number;
}

/**
 * Every catalog control's state from the check results, the current evidence and the drift report.
 * Failing beats passing; only not-assessable results are not a pass; a manual attestation alone is
 * `attested`, never `passing`, because no check judged it; collected evidence no check reads is `unjudged`.
 */
export function controlStates(input: {
  results: readonly CheckResult[];
  current: CurrentEvidence;
  drift: DriftReport;
}): ControlState[] {
  const evidenceByControl = new Map<
    string,
    { ids: Set<ContentId>; last: string | null; manual: boolean; automated: boolean }
  >();
  const touch = (control: string) => {
    let entry = evidenceByControl.get(control);
    if (!entry) {
      entry = { ids: new Set(), last: null, manual: false, automated: false };
      evidenceByControl.set(control, entry);
    }
    return entry;
  };
  for (const instance of input.current.instances.values()) {
    for (const collection of instance.collections.values()) {
      const evidence = collection.evidence;
      if (!evidence) continue;
      for (const control of evidence.record.controls) {
        const entry = touch(control);
        entry.ids.add(evidence.id);
        if (evidence.record.connector.type === 'manual') entry.manual = true;
        else entry.automated = true;
        if (entry.last === null || evidence.record.collectedAt > entry.last)
          entry.last = evidence.record.collectedAt;
      }
    }
  }
  return catalog.map((control) => {
    const results = input.results.filter((result) => result.controls.includes(control.id));
    const entry = evidenceByControl.get(control.id);
    for (const result of results)
      for (const id of result.evidence) touch(control.id).ids.add(id as ContentId);
    const findings = input.drift.findings.filter((finding) => finding.control === control.id);
    const status: EvidenceStatus = results.some((r) => r.status === 'fail')
      ? 'failing'
      : results.some((r) => r.status === 'pass')
        ? 'passing'
        : results.length > 0
          ? 'not-assessable'
          : entry?.manual
            ? 'attested'
            : entry?.automated
              ? 'unjudged'
              : 'no-evidence';
    return {
      id: control.id,
      title: control.title,
      status,
      coverage: results.length > 0 || entry?.automated ? 'automated' : entry?.manual ? 'manual' : 'none',
      results,
      evidence: [...(evidenceByControl.get(control.id)?.ids ?? [])].sort(),
      lastEvidenceAt: entry?.last ?? null,
      findings,
      openFindings: findings.filter((finding) => finding.kind !== 'understated').length,
    };
  });
}
