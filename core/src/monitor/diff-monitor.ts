import type { DriftFinding } from '../drift/drift-report.js';
import { exceptionEnd, type FindingException } from './monitor-config.js';
import type { AlertEvent, MonitorState, RunRef, TrackedFinding } from './monitor-state.js';

/** What one run saw, as the monitor compares it with what it saw before. */
export interface MonitorObservation {
  at: Date;
  run: RunRef;
  /** The drift findings now (understated ones are informational and ignored). */
  findings: readonly DriftFinding[];
  /** Connector instances of each finding, by fingerprint (from the evidence the finding rests on). */
  instancesOf: (finding: DriftFinding) => string[];
  /** Instances this run collected: `failure` set when any collector was not collected. */
  collected: readonly { instance: string; failure?: string }[];
  exceptions: readonly FindingException[];
}

export interface MonitorDiff {
  next: MonitorState;
  /** What to alert on: changes only. */
  events: AlertEvent[];
  /** Findings tracked for the first time (accepted ones included): each opens a nonconformity. */
  opened: TrackedFinding[];
  /** Findings this run's fresh evidence shows resolved: each closes its nonconformity. */
  resolved: TrackedFinding[];
}

/**
 * Compares a run with the monitor's state. Pure. A finding seen again (same fingerprint) raises nothing; a
 * finding that is gone counts as resolved only when every instance it rested on was collected in full by
 * this run: a connector that failed proves nothing, so its findings stay open.
 */
export function diffMonitor(previous: MonitorState, observation: MonitorObservation): MonitorDiff {
  const at = observation.at.toISOString();
  const events: AlertEvent[] = [];
  const opened: TrackedFinding[] = [];
  const resolved: TrackedFinding[] = [];
  const event = (fields: Omit<AlertEvent, 'at' | 'run'>) =>
    events.push({ ...fields, at, run: observation.run });
  const findings: Record<string, TrackedFinding> = {};
  const current = observation.findings.filter((finding) => finding.kind !== 'understated');
  const failingNow = observation.collected.flatMap((item) =>
    item.failure === undefined ? [] : [item.instance],
  );

  for (const finding of current) {
    const known = previous.findings[finding.fingerprint];
    const instances = [...new Set(observation.instancesOf(finding))].sort();
    // A control that is unevidenced or stale because its connector is failing right now is explained by the
    // connector-failing alert: tracked quietly, and alerted (and recorded) only if it outlasts the outage.
    const explainedNow =
      (finding.kind === 'unevidenced' || finding.kind === 'stale') && failingNow.length > 0
        ? instances.length === 0
          ? failingNow[0]
          : instances.find((name) => failingNow.includes(name))
        : undefined;
    const explainedBy = known && !known.explainedBy ? null : (explainedNow ?? null);
    const exception = activeException(finding, observation.exceptions, observation.at);
    const suppressed = exception
      ? { until: exception.until, approvedBy: exception.approvedBy, reason: exception.reason }
      : null;
    const tracked: TrackedFinding = {
      fingerprint: finding.fingerprint,
      ...(finding.control === undefined ? {} : { control: finding.control }),
      ...(finding.controlTitle === undefined ? {} : { controlTitle: finding.controlTitle }),
      kind: finding.kind,
      severity: finding.severity,
      message: finding.message,
      claim:
        finding.soa.applicable === false
          ? 'not applicable'
          : finding.soa.applicable === null
            ? 'no entry'
            : (finding.soa.status ?? 'no status'),
      checks: finding.checks,
      evidence: finding.evidence,
      instances,
      firstSeen: known?.firstSeen ?? at,
      lastSeen: at,
      firstRun: known?.firstRun ?? observation.run,
      suppressed,
      explainedBy,
    };
    findings[finding.fingerprint] = tracked;
    if (explainedBy) continue;
    if (!known || known.explainedBy) {
      opened.push(tracked);
      if (!suppressed) event({ type: 'finding-opened', finding: tracked });
    } else if (known.suppressed && !suppressed) {
      event({ type: 'exception-lapsed', finding: tracked, reason: exceptionText(known.suppressed) });
    }
  }

  const fullyCollected = new Set(
    observation.collected.filter((item) => item.failure === undefined).map((item) => item.instance),
  );
  for (const [fingerprint, known] of Object.entries(previous.findings)) {
    if (findings[fingerprint]) continue;
    if (known.instances.every((instance) => fullyCollected.has(instance))) {
      if (known.explainedBy) continue; // never alerted nor recorded: it goes as quietly as it came
      resolved.push(known);
      if (!known.suppressed) event({ type: 'finding-resolved', finding: known });
    } else {
      findings[fingerprint] = known;
    }
  }

  const failing = { ...previous.failing };
  for (const { instance, failure } of observation.collected) {
    if (failure !== undefined && !failing[instance]) {
      failing[instance] = { since: at, reason: failure };
      event({ type: 'connector-failing', instance, reason: failure });
    } else if (failure === undefined && failing[instance]) {
      delete failing[instance];
      event({ type: 'connector-recovered', instance });
    }
  }

  return {
    next: {
      ...previous,
      updatedAt: at,
      lastRun: observation.run,
      findings: Object.fromEntries(Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : 1))),
      failing,
    },
    events,
    opened,
    resolved,
  };
}

/** The exception accepting this finding at `at`, if any. */
export function activeException(
  finding: Pick<DriftFinding, 'fingerprint' | 'control' | 'kind'>,
  exceptions: readonly FindingException[],
  at: Date,
): FindingException | undefined {
  return exceptions.find(
    (exception) =>
      exceptionEnd(exception) > at.getTime() &&
      (exception.fingerprint === undefined || exception.fingerprint === finding.fingerprint) &&
      (exception.control === undefined || normaliseControl(exception.control) === finding.control) &&
      (exception.kind === undefined || exception.kind === finding.kind),
  );
}

function normaliseControl(id: string): string {
  return id.replace(/^A\./i, '');
}

function exceptionText(suppressed: NonNullable<TrackedFinding['suppressed']>): string {
  return `the exception approved by ${suppressed.approvedBy} (${suppressed.reason}) lapsed at ${suppressed.until}`;
}

/** Open findings an exception does not accept. */
export function openFindingCount(state: MonitorState): number {
  return Object.values(state.findings).filter((finding) => !finding.suppressed).length;
}
