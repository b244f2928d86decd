import { InputError } from '@annexa/core';
import { createSinks } from '../alerts/create-sinks.js';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa, openLocker } from '../load.js';
import { WatchAgent } from '../watch/agent.js';
import { serveEndpoints } from '../watch/http-endpoints.js';
import { WatchMetrics } from '../watch/metrics.js';
import { monitorCycle } from './monitor-cycle.js';
import { selectInstances } from './run.js';

export interface WatchOptions {
  port?: number;
  connector?: string[];
  /** Stop after this many runs in all (for tests and smoke checks); run forever when absent. */
  maxRuns?: number;
}

export const DEFAULT_WATCH_PORT = 9464;

/**
 * `annexa watch`: the long-running agent. Schedules a run per connector instance (interval and jitter from
 * `schedule:` in annexa.yaml), serves /healthz and /metrics on 127.0.0.1, and on SIGTERM or SIGINT lets the
 * run in progress finish before it exits 0.
 */
export async function watchCommand(
  context: CliContext,
  options: WatchOptions,
  signals: NodeJS.EventEmitter = process,
): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const monitor = config.monitor;
  if (!monitor) throw new Error('configuration without monitor defaults');
  await loadProjectSoa(config); // fail at start, with exit 2, on an unreadable SoA
  const instances = selectInstances(config.connectors, options.connector, context.configPath);
  if (instances.length === 0) {
    throw new InputError('usage', [
      { location: { file: context.configPath }, message: 'no connector instance to watch' },
    ]);
  }
  const locker = await openLocker(config.locker);
  const sinks = createSinks(monitor.alerts.sinks, { configDir: config.dir, lockerDir: locker.location });
  const metrics = new WatchMetrics();
  const lastError = new Map<string, string>();
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });

  const agent: WatchAgent = new WatchAgent({
    log: context.log,
    instances: instances.map((instance) => {
      const own = monitor.schedule.instances[instance.config.name];
      return {
        name: instance.config.name,
        everyMs: own?.every ?? monitor.schedule.every,
        jitterMs: own?.jitter ?? monitor.schedule.jitter,
      };
    }),
    runInstance: async (name) => {
      const started = performance.now();
      try {
        // The SoA is read afresh each run: an edit takes effect without a restart.
        const soa = await loadProjectSoa(config);
        const cycle = await monitorCycle({
          config,
          monitor,
          locker,
          soa,
          instances: instances.filter((instance) => instance.config.name === name),
          sinks,
          log: context.log,
        });
        metrics.recordCycle(name, cycle, (performance.now() - started) / 1000);
        lastError.delete(name);
        writeLine(
          context.stdout,
          `run ${cycle.run.run.record.seq} ${name}: ${cycle.drift.summary.findings} finding(s), ${cycle.monitor.events.length} change(s), ${cycle.deliveries.filter((d) => d.ok).length}/${cycle.deliveries.length} alert deliveries`,
        );
      } catch (error) {
        metrics.recordError(name, (performance.now() - started) / 1000);
        lastError.set(name, error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        if (options.maxRuns !== undefined && metrics.runs() >= options.maxRuns) finished();
      }
    },
  });

  const endpoints = await serveEndpoints(options.port ?? DEFAULT_WATCH_PORT, {
    health: () => ({
      ok: !agent.stopped && lastError.size === 0,
      detail: { runs: metrics.runs(), failing: Object.fromEntries(lastError), stopping: agent.stopped },
    }),
    metrics: () => metrics.render(),
  });
  writeLine(
    context.stdout,
    `annexa watch: ${instances.length} instance(s); /healthz and /metrics on ${endpoints.url}`,
  );
  const onSignal = () => finished();
  signals.once('SIGTERM', onSignal);
  signals.once('SIGINT', onSignal);
  agent.start();
  await done;
  signals.removeListener('SIGTERM', onSignal);
  signals.removeListener('SIGINT', onSignal);
  await agent.stop();
  await new Promise<void>((resolve) => {
    endpoints.server.close(() => resolve());
    endpoints.server.closeAllConnections();
  });
  writeLine(context.stdout, `annexa watch: stopped after ${metrics.runs()} run(s)`);
  return EXIT.ok;
}
