import { type AnnexAControl, compareControlIds, controls } from '../catalog/catalog.js';
import { compareText } from '../evaluate/compare-text.js';
import type { CurrentEvidence } from '../evaluate/current-evidence.js';
import { checkConnectorType, checkControlIds } from '../evaluate/evaluate-checks.js';
import type { InstanceAssetObservation } from '../evaluate/observe-assets.js';
import { contentId } from '../evidence/canonical-json.js';
import { isExpired } from '../evidence/evidence.js';
import type { CheckResult } from '../run/results.js';
import { type AnyCheck, SEVERITIES, type Severity } from '../sdk/check.js';
import type { AnyCollector } from '../sdk/collector.js';
import type { Soa, SoaControlEntry, SoaProblem } from '../soa/soa-model.js';
import { toTimestamp } from '../time/time.js';
import {
  contradictedExclusionMessage,
  failingMessage,
  soaProblemMessage,
  staleMessage,
  understatedMessage,
  unevidencedMessage,
} from './drift-messages.js';
import {
  DRIFT_KINDS,
  DRIFT_SCHEMA,
  type DriftFinding,
  type DriftKind,
  type DriftReport,
} from './drift-report.js';

export interface DriftInput {
  soa: Soa;
  /** The check results of the current evidence (evaluateChecks). */
  results: readonly CheckResult[];
  /** Every registered check: the mapping from controls to checks comes from them. */
  checks: readonly AnyCheck[];
  current: CurrentEvidence;
  /** observeAssets over the current evidence. */
  assets: readonly InstanceAssetObservation[];
  /** Connector types configured in annexa.yaml: only their checks are expected to evidence a control. */
  configuredTypes: readonly string[];
  /** The moment judged: evidence expired at it is stale. */
  at: Date;
}

/** At most this many resources are listed in a finding; `total` says how many there are. */
export const RESOURCES_SHOWN = 10;

type SoaEntry = SoaControlEntry & { line?: number };

interface ControlView {
  control: AnnexAControl;
  entry: SoaEntry;
  mapped: AnyCheck[];
  results: CheckResult[];
}

/** Compares the SoA's claims with the check results and the evidence. Pure. */
export function computeDrift(input: DriftInput): DriftReport {
  const checksByControl = groupChecksByControl(input.checks);
  const resultsByCheck = groupResultsByCheck(input.results);
  const findings: DriftFinding[] = [];
  let claimed = 0;
  let evidenced = 0;
  for (const control of controls) {
    const entry = input.soa.controls.get(control.id);
    if (!entry) continue; // a missing entry is an SoA problem, reported below
    const mapped = checksByControl.get(control.id) ?? [];
    const view = {
      control,
      entry,
      mapped,
      results: mapped.flatMap((check) => resultsByCheck.get(check.id) ?? []),
    };
    if (claims(entry)) {
      claimed++;
      if (view.results.some(isAssessed)) evidenced++;
    }
    findings.push(
      ...[
        failing(view),
        contradictedExclusion(view, input.assets),
        unevidenced(view, input),
        stale(view, input),
        understated(view),
      ].filter((finding) => finding !== undefined),
    );
  }
  findings.push(...input.soa.problems.map((problem) => soaIncomplete(problem, input.soa)));
  findings.sort(compareFindings);
  return {
    schema: DRIFT_SCHEMA,
    evaluatedAt: toTimestamp(input.at),
    soa: {
      file: input.soa.file,
      organization: input.soa.document.organization,
      version: input.soa.document.version,
      id: input.soa.id,
    },
    summary: {
      findings: findings.length,
      byKind: countBy(DRIFT_KINDS, findings, (finding) => finding.kind),
      bySeverity: countBy(SEVERITIES, findings, (finding) => finding.severity),
      controls: { claimed, evidenced, notEvidenced: claimed - evidenced },
    },
    findings,
  };
}

function failing({ control, entry, results }: ControlView): DriftFinding | undefined {
  if (!claims(entry)) return undefined;
  const fails = results.filter((result) => result.status === 'fail');
  if (fails.length === 0) return undefined;
  const checks = distinctSorted(fails.map((result) => result.check));
  const resources = distinctSorted(fails.map((result) => result.resource));
  return finding({
    kind: 'failing',
    control,
    entry,
    severity: highest(fails.map((result) => result.severity)),
    message: failingMessage(control, entry.status, checks, resources),
    checks,
    evidence: fails.flatMap((result) => result.evidence),
    resources,
  });
}

function contradictedExclusion(
  { control, entry }: ControlView,
  assets: readonly InstanceAssetObservation[],
): DriftFinding | undefined {
  if (entry.applicable) return undefined;
  const seen = assets.filter((observation) => observation.controls.includes(control.id));
  if (seen.length === 0) return undefined;
  const reasons = distinctSorted(seen.map((observation) => observation.reason));
  return finding({
    kind: 'contradicted-exclusion',
    control,
    entry,
    severity: 'high',
    message: contradictedExclusionMessage(control, reasons),
    checks: [],
    evidence: seen.map((observation) => observation.evidence),
    resources: reasons,
    // Reasons carry counts that change as assets come and go; where they were seen does not.
    identity: seen.map((observation) => `${observation.instance}/${observation.collector}`),
  });
}

function unevidenced(
  { control, entry, mapped, results }: ControlView,
  input: Pick<DriftInput, 'configuredTypes' | 'current'>,
): DriftFinding | undefined {
  if (!entry.applicable || entry.status !== 'implemented') return undefined;
  const expected = mapped.filter((check) => {
    const type = checkConnectorType(check);
    return type !== undefined && input.configuredTypes.includes(type);
  });
  const expectedIds = new Set(expected.map((check) => check.id));
  const relevant = results.filter((result) => expectedIds.has(result.check));
  if (expected.length === 0 || relevant.some(isAssessed)) return undefined;

  const reasons = relevant.map((result) => `${result.instance}: ${result.message}`);
  for (const check of expected) {
    if (relevant.some((result) => result.check === check.id)) continue;
    const type = checkConnectorType(check) ?? '';
    const collected = [...input.current.instances.values()].some((instance) => instance.type === type);
    reasons.push(
      collected ? `${check.id} found nothing to judge` : `no ${type} connector has been collected yet`,
    );
  }
  const distinctReasons = [...new Set(reasons)];
  return finding({
    kind: 'unevidenced',
    control,
    entry,
    severity: 'medium',
    message: unevidencedMessage(control, expected.length, distinctReasons),
    checks: [...expectedIds],
    evidence: relevant.flatMap((result) => result.evidence),
    resources: relevant.map((result) => result.resource),
    identity: [],
  });
}

function stale({ control, entry, mapped }: ControlView, input: DriftInput): DriftFinding | undefined {
  if (!claims(entry)) return undefined;
  const expired: { key: string; text: string; evidence: string; collector: string; type: string }[] = [];
  for (const [instance, { type, collections }] of input.current.instances) {
    const inputsOfMapped = new Set(
      mapped
        .filter((check) => checkConnectorType(check) === type)
        .flatMap((check) => Object.values(check.inputs as Record<string, AnyCollector>).map((c) => c.id)),
    );
    for (const [collector, { evidence }] of collections) {
      if (!evidence) continue;
      const bears = evidence.record.controls.includes(control.id) || inputsOfMapped.has(collector);
      if (bears && isExpired(evidence.record, input.at)) {
        expired.push({
          key: `${instance}/${collector}`,
          text: `${collector} of ${instance} expired at ${evidence.record.expiresAt}`,
          evidence: evidence.id,
          collector,
          type,
        });
      }
    }
  }
  if (expired.length === 0) return undefined;
  const staleCollectors = new Set(expired.map((item) => `${item.type}\u0000${item.collector}`));
  const checks = mapped
    .filter((check) =>
      Object.values(check.inputs as Record<string, AnyCollector>).some((c) =>
        staleCollectors.has(`${c.connector.type}\u0000${c.id}`),
      ),
    )
    .map((check) => check.id);
  return finding({
    kind: 'stale',
    control,
    entry,
    severity: 'medium',
    message: staleMessage(control, entry.status, distinctSorted(expired.map((item) => item.text))),
    checks,
    evidence: expired.map((item) => item.evidence),
    resources: expired.map((item) => item.key),
  });
}

function understated({ control, entry, results }: ControlView): DriftFinding | undefined {
  if (!entry.applicable || (entry.status !== 'planned' && entry.status !== 'not-implemented'))
    return undefined;
  if (results.length === 0 || !results.every((result) => result.status === 'pass')) return undefined;
  const checks = distinctSorted(results.map((result) => result.check));
  return finding({
    kind: 'understated',
    control,
    entry,
    severity: 'info',
    message: understatedMessage(control, entry.status, results.length, checks),
    checks,
    evidence: results.flatMap((result) => result.evidence),
    resources: results.map((result) => result.resource),
    identity: [],
  });
}

function soaIncomplete(problem: SoaProblem, soa: Soa): DriftFinding {
  const control = controls.find((candidate) => candidate.id === problem.control);
  const entry = control ? soa.controls.get(control.id) : undefined;
  return finding({
    kind: 'soa-incomplete',
    control,
    entry,
    line: problem.line,
    severity: 'medium',
    message: soaProblemMessage(problem),
    checks: [],
    evidence: [],
    resources: [],
    // Lines move when the file is edited; the problem and its control do not.
    identity: [problem.code, ...(problem.control === undefined ? [problem.message] : [])],
  });
}

interface FindingParts {
  kind: DriftKind;
  control: AnnexAControl | undefined;
  entry: SoaEntry | undefined;
  /** Overrides the entry's line (an SoA problem names its own). */
  line?: number | undefined;
  severity: Severity;
  message: string;
  checks: readonly string[];
  evidence: readonly string[];
  resources: readonly string[];
  /** What identifies this drift besides kind, control and checks; the resources when omitted. */
  identity?: readonly string[];
}

function finding(parts: FindingParts): DriftFinding {
  const checks = distinctSorted(parts.checks);
  const resources = distinctSorted(parts.resources);
  const fingerprint = contentId({
    kind: parts.kind,
    control: parts.control?.id ?? null,
    checks,
    resources: distinctSorted(parts.identity ?? resources),
  });
  return {
    fingerprint,
    ...(parts.control ? { control: parts.control.id, controlTitle: parts.control.title } : {}),
    kind: parts.kind,
    severity: parts.severity,
    message: parts.message,
    soa: {
      applicable: parts.entry?.applicable ?? null,
      status: parts.entry?.status ?? null,
      line: parts.line ?? parts.entry?.line ?? null,
    },
    checks,
    evidence: distinctSorted(parts.evidence),
    resources: { items: resources.slice(0, RESOURCES_SHOWN), total: resources.length },
  };
}

/** The SoA claims the control is in place, at least in part. */
function claims(entry: SoaEntry): entry is SoaEntry & { status: 'implemented' | 'partial' } {
  return entry.applicable && (entry.status === 'implemented' || entry.status === 'partial');
}

function isAssessed(result: CheckResult): boolean {
  return result.status === 'pass' || result.status === 'fail';
}

function highest(severities: readonly Severity[]): Severity {
  return SEVERITIES.find((severity) => severities.includes(severity)) ?? 'info';
}

function groupChecksByControl(checks: readonly AnyCheck[]): Map<string, AnyCheck[]> {
  const byControl = new Map<string, AnyCheck[]>();
  for (const check of checks) {
    for (const id of checkControlIds(check)) byControl.set(id, [...(byControl.get(id) ?? []), check]);
  }
  return byControl;
}

// Map.groupBy would do, but Node 20 lacks it.
function groupResultsByCheck(results: readonly CheckResult[]): Map<string, CheckResult[]> {
  const byCheck = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = byCheck.get(result.check);
    if (list) list.push(result);
    else byCheck.set(result.check, [result]);
  }
  return byCheck;
}

function distinctSorted(items: readonly string[]): string[] {
  return [...new Set(items)].sort(compareText);
}

function countBy<Key extends string>(
  keys: readonly Key[],
  findings: readonly DriftFinding[],
  keyOf: (finding: DriftFinding) => Key,
): Record<Key, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;
  for (const item of findings) counts[keyOf(item)]++;
  return counts;
}

function compareFindings(a: DriftFinding, b: DriftFinding): number {
  const control = (x: DriftFinding, y: DriftFinding) =>
    x.control === undefined || y.control === undefined
      ? Number(x.control === undefined) - Number(y.control === undefined)
      : compareControlIds(x.control, y.control);
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    control(a, b) ||
    DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}
