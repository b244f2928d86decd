import { controls } from '../catalog/catalog.js';
import { checkControlIds } from '../evaluate/evaluate-checks.js';
import { type Evidence, isExpired } from '../evidence/evidence.js';
import type { CheckResult } from '../run/results.js';
import type { AnyCheck } from '../sdk/check.js';
import type { Soa } from '../soa/soa-model.js';

export type CoverageKind = 'automated' | 'manual' | 'stale' | 'none';

export interface ControlCoverage {
  control: string;
  title: string;
  /** What the SoA says; undefined when there is no SoA entry. */
  applicable: boolean | undefined;
  /** automated: a check judged it (pass or fail); manual: unexpired manual evidence; stale: manual evidence, all expired. */
  coverage: CoverageKind;
  /** Checks that assessed it (pass or fail) over the current evidence. */
  checks: string[];
  manual: { file: string; evidence: string; expiresAt: string; expired: boolean }[];
}

/**
 * Per control, what evidence speaks to it: honest coverage, not a score. A control counts as automated only
 * when a check gave a verdict (pass or fail); not-assessable results evidence nothing.
 */
export function computeCoverage(input: {
  checks: readonly AnyCheck[];
  results: readonly CheckResult[];
  manual: readonly Evidence[];
  soa?: Soa | undefined;
  at: Date;
}): ControlCoverage[] {
  const assessedChecks = new Set(
    input.results.filter((result) => result.status === 'pass' || result.status === 'fail').map((r) => r.check),
  );
  const checksByControl = new Map<string, string[]>();
  for (const check of input.checks) {
    if (!assessedChecks.has(check.id)) continue;
    for (const id of checkControlIds(check)) checksByControl.set(id, [...(checksByControl.get(id) ?? []), check.id]);
  }
  return controls.map((control) => {
    const manual = input.manual
      .filter((evidence) => evidence.record.controls.includes(control.id))
      .map((evidence) => ({
        file: fileName(evidence),
        evidence: evidence.id,
        expiresAt: evidence.record.expiresAt,
        expired: isExpired(evidence.record, input.at),
      }));
    const checks = [...new Set(checksByControl.get(control.id) ?? [])].sort();
    const coverage: CoverageKind =
      checks.length > 0
        ? 'automated'
        : manual.some((item) => !item.expired)
          ? 'manual'
          : manual.length > 0
            ? 'stale'
            : 'none';
    return {
      control: control.id,
      title: control.title,
      applicable: input.soa?.controls.get(control.id)?.applicable,
      coverage,
      checks,
      manual,
    };
  });
}

function fileName(evidence: Evidence): string {
  const data = evidence.record.data as { file?: { name?: unknown } } | null;
  return typeof data?.file?.name === 'string' ? data.file.name : evidence.record.source;
}
