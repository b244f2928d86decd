import { hasBlockingDrift, InputError } from '@annexa/core';
import { createSinks } from '../alerts/create-sinks.js';
import { eventHeadline } from '../alerts/describe-event.js';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa, openLocker } from '../load.js';
import { monitorCycle } from './monitor-cycle.js';

export interface RunOptions {
  connector?: string[];
  concurrency?: number;
  json?: boolean;
}

/**
 * `annexa run`: collect, evaluate, compare with the previous run, alert on changes. The one command a cron
 * job or CI calls. Exit 1 on blocking drift, else 3 when collection was incomplete, else 0.
 */
export async function runCommand(context: CliContext, options: RunOptions): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const soa = await loadProjectSoa(config);
  const monitor = config.monitor;
  if (!monitor) throw new Error('configuration without monitor defaults');
  const instances = selectInstances(config.connectors, options.connector, context.configPath);
  const locker = await openLocker(config.locker);
  const sinks = createSinks(monitor.alerts.sinks, { configDir: config.dir, lockerDir: locker.location });
  const cycle = await monitorCycle({
    config,
    monitor,
    locker,
    soa,
    instances,
    sinks,
    log: context.log,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  const incomplete = cycle.run.outcomes.filter((outcome) => outcome.status !== 'collected');
  if (options.json) {
    writeLine(
      context.stdout,
      JSON.stringify(
        {
          run: { seq: cycle.run.run.record.seq, id: cycle.run.run.id },
          incomplete: incomplete.length,
          drift: cycle.drift.summary,
          events: cycle.monitor.events,
          actions: {
            opened: cycle.monitor.opened.map((a) => a.id),
            closed: cycle.monitor.closed.map((a) => a.id),
          },
          deliveries: cycle.deliveries,
        },
        null,
        2,
      ),
    );
  } else {
    const record = cycle.run.run.record;
    writeLine(
      context.stdout,
      `run ${record.seq}: ${cycle.run.evidence.length} evidence records, ${incomplete.length} collector(s) incomplete`,
    );
    for (const outcome of incomplete) {
      writeLine(
        context.stdout,
        `  ${outcome.status}: ${outcome.instance} ${outcome.collector}: ${outcome.reason ?? ''}`,
      );
    }
    writeLine(
      context.stdout,
      `drift: ${cycle.drift.summary.findings} finding(s); ${cycle.monitor.events.length} change(s) since the last run`,
    );
    for (const event of cycle.monitor.events) writeLine(context.stdout, `  ${eventHeadline(event)}`);
    for (const action of cycle.monitor.opened)
      writeLine(context.stdout, `  opened ${action.id} (${action.control ?? 'SoA'} ${action.kind})`);
    for (const action of cycle.monitor.closed)
      writeLine(context.stdout, `  closed ${action.id} (${action.control ?? 'SoA'} ${action.kind})`);
    for (const delivery of cycle.deliveries) {
      writeLine(
        context.stdout,
        `  alert ${delivery.ok ? 'sent' : 'NOT delivered'}: ${delivery.sink}${delivery.error ? ` (${delivery.error})` : ''}`,
      );
    }
  }
  if (hasBlockingDrift(cycle.drift)) return EXIT.drift;
  return incomplete.length > 0 ? EXIT.incomplete : EXIT.ok;
}

export function selectInstances<T extends { config: { name: string } }>(
  instances: readonly T[],
  names: readonly string[] | undefined,
  configPath: string,
): T[] {
  if (!names || names.length === 0) return [...instances];
  const known = new Set(instances.map((instance) => instance.config.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new InputError('usage', [
      {
        location: { file: configPath },
        message: `no connector instance named ${unknown.join(', ')}; configured: ${[...known].join(', ') || 'none'}`,
      },
    ]);
  }
  return instances.filter((instance) => names.includes(instance.config.name));
}
