import {
  type ConnectorInstance,
  computeDrift,
  type DriftReport,
  evaluateChecks,
  FsStateStore,
  type Logger,
  loadCurrentEvidence,
  type MonitorConfig,
  type MonitorRunOutcome,
  observeAssets,
  performRun,
  type RunResult,
  recordMonitorRun,
  restrictToInstances,
  type Soa,
} from '@annexa/core';
import type { FsLocker } from '@annexa/storage-fs';
import { deliverAll } from '../alerts/create-sinks.js';
import type { AlertSink, DeliveryResult } from '../alerts/sink.js';
import type { LoadedConfig } from '../load.js';
import { CHECKS, COLLECTORS } from '../systems.js';
import { TOOL } from '../version.js';

export interface MonitorCycleInput {
  config: LoadedConfig;
  monitor: MonitorConfig;
  locker: FsLocker;
  soa: Soa;
  /** The instances to collect now (all, for `annexa run`; one, for a scheduled run of `watch`). */
  instances: readonly ConnectorInstance[];
  sinks: readonly AlertSink[];
  log: Logger;
  signal?: AbortSignal;
  concurrency?: number;
  now?: () => Date;
}

export interface MonitorCycle {
  run: RunResult;
  drift: DriftReport;
  monitor: MonitorRunOutcome;
  deliveries: DeliveryResult[];
}

/**
 * One monitoring cycle: collect and record a run, judge the SoA over the current evidence, compare with the
 * monitor state (alerts, corrective actions), then deliver alerts. Delivery comes last and outside the lock:
 * the run and its evidence are stored before any sink is tried, so a sink that is down never blocks collection.
 */
export async function monitorCycle(input: MonitorCycleInput): Promise<MonitorCycle> {
  const now = input.now ?? (() => new Date());
  const { locker, config } = input;
  const run = await performRun({
    instances: [...input.instances],
    collectors: COLLECTORS,
    checks: CHECKS,
    locker,
    log: input.log,
    soa: { version: input.soa.document.version, id: input.soa.id },
    tool: TOOL,
    now,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.concurrency === undefined ? {} : { concurrency: input.concurrency }),
  });
  const store = new FsStateStore(locker.location);
  const { drift, monitor } = await locker.withLock(async () => {
    const at = now();
    const current = restrictToInstances(
      await loadCurrentEvidence(locker),
      config.connectors.map((connector) => connector.config.name),
    );
    const results = evaluateChecks({ checks: CHECKS, current });
    const drift = computeDrift({
      soa: input.soa,
      results,
      checks: CHECKS,
      current,
      assets: observeAssets(current, COLLECTORS),
      configuredTypes: [...new Set(config.connectors.map((c) => c.config.type))],
      at,
    });
    const collected = input.instances.map((instance) => {
      const failed = run.run.record.collections.filter(
        (outcome) => outcome.instance === instance.config.name && outcome.status !== 'collected',
      );
      const reason = failed
        .map((outcome) => `${outcome.collector}: ${outcome.reason ?? outcome.status}`)
        .join('; ');
      return failed.length === 0
        ? { instance: instance.config.name }
        : { instance: instance.config.name, failure: reason };
    });
    const monitor = await recordMonitorRun({
      store,
      at,
      run: { seq: run.run.record.seq, id: run.run.id },
      findings: drift.findings,
      collected,
      current,
      exceptions: input.monitor.exceptions,
      digest: input.monitor.alerts.digest,
      organization: input.soa.document.organization,
    });
    return { drift, monitor };
  });
  const deliveries = monitor.batch ? await deliverAll(input.sinks, monitor.batch) : [];
  for (const delivery of deliveries.filter((d) => !d.ok)) {
    input.log.warn(
      { sink: delivery.sink, attempts: delivery.attempts, error: delivery.error },
      'alert not delivered; dead-lettered',
    );
  }
  return { run, drift, monitor, deliveries };
}
