import {
  type ActionRegister,
  emptyRegister,
  type Nonconformity,
  registerSchema,
  updateRegister,
} from '../actions/register.js';
import type { DriftFinding } from '../drift/drift-report.js';
import type { CurrentEvidence } from '../evaluate/current-evidence.js';
import { diffMonitor, type MonitorObservation, openFindingCount } from './diff-monitor.js';
import { scheduleDelivery } from './digest.js';
import type { FindingException } from './monitor-config.js';
import {
  ALERT_SCHEMA,
  type AlertBatch,
  type AlertEvent,
  emptyMonitorState,
  type MonitorState,
  monitorStateSchema,
} from './monitor-state.js';
import type { StateStore } from './state-store.js';

export const ALERT_STATE = 'alerts';
export const ACTIONS_STATE = 'actions';

export interface MonitorRunInput extends Omit<MonitorObservation, 'instancesOf' | 'exceptions'> {
  store: StateStore;
  current: CurrentEvidence;
  exceptions: readonly FindingException[];
  digest: 'off' | 'daily';
  organization: string;
}

export interface MonitorRunOutcome {
  /** What to hand the sinks now, if anything. */
  batch: AlertBatch | undefined;
  events: AlertEvent[];
  opened: Nonconformity[];
  closed: Nonconformity[];
  state: MonitorState;
  register: ActionRegister;
}

/**
 * After a run: compares it with the monitor state, updates the corrective-action register, decides what to
 * deliver, and writes both states. Call it under the locker's lock so two runs never interleave here.
 */
export async function recordMonitorRun(input: MonitorRunInput): Promise<MonitorRunOutcome> {
  const previous = (await input.store.read(ALERT_STATE, monitorStateSchema)) ?? emptyMonitorState(input.at);
  const register = (await input.store.read(ACTIONS_STATE, registerSchema)) ?? emptyRegister();
  const instanceOf = evidenceInstances(input.current);
  const diff = diffMonitor(previous, {
    ...input,
    instancesOf: (finding: DriftFinding) =>
      finding.evidence.flatMap((id) => {
        const instance = instanceOf.get(id);
        return instance === undefined ? [] : [instance];
      }),
  });
  const updated = updateRegister(register, {
    at: input.at,
    run: input.run,
    opened: diff.opened,
    resolved: diff.resolved,
  });
  const delivery = scheduleDelivery(diff.next, diff.events, input.digest, input.at);
  // The register first: losing alert state re-alerts, losing a register entry loses a record.
  await input.store.write(ACTIONS_STATE, updated.register);
  await input.store.write(ALERT_STATE, delivery.next);
  const batch: AlertBatch | undefined = delivery.deliver && {
    schema: ALERT_SCHEMA,
    kind: delivery.deliver.kind,
    at: input.at.toISOString(),
    run: input.run,
    organization: input.organization,
    events: delivery.deliver.events,
    open: openFindingCount(delivery.next),
  };
  return {
    batch,
    events: diff.events,
    opened: updated.opened,
    closed: updated.closed,
    state: delivery.next,
    register: updated.register,
  };
}

function evidenceInstances(current: CurrentEvidence): Map<string, string> {
  const byId = new Map<string, string>();
  for (const [instance, { collections }] of current.instances) {
    for (const collection of collections.values()) {
      if (collection.evidence) byId.set(collection.evidence.id, instance);
    }
  }
  return byId;
}
