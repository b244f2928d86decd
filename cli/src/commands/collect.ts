import { type CollectionOutcome, InputError, performRun } from '@annexa/core';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, loadProjectSoa, openLocker } from '../load.js';
import { createProgress } from '../render/progress.js';
import { CHECKS, COLLECTORS } from '../systems.js';
import { TOOL } from '../version.js';

export interface CollectOptions {
  connector?: string[];
  concurrency?: number;
}

/** `annexa collect`: run every collector, store the evidence, evaluate the checks, append a run to the ledger. */
export async function collectCommand(context: CliContext, options: CollectOptions): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const selected = selectInstances(config, options.connector, context.configPath);

  // The SoA in force is recorded with the run; a broken SoA must not stop evidence collection.
  let soa: { version: string; id: `sha256:${string}` } | null = null;
  try {
    const loaded = await loadProjectSoa(config);
    soa = { version: loaded.document.version, id: loaded.id };
  } catch (error) {
    context.log.warn(
      { soa: config.soa, err: (error as Error).message },
      'SoA could not be read; collecting anyway',
    );
  }

  const locker = await openLocker(config.locker);
  const progress = createProgress(context.stderr, 'collecting');
  const outcome = await performRun({
    instances: selected,
    collectors: COLLECTORS,
    checks: CHECKS,
    locker,
    log: context.log,
    soa,
    tool: TOOL,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    onProgress: progress.update,
  });
  progress.done();

  const incomplete = outcome.outcomes.filter((o) => o.status !== 'collected');
  writeLine(
    context.stdout,
    `run ${outcome.run.record.seq} (${outcome.run.id.slice(0, 19)}…): ${outcome.evidence.length} evidence records from ` +
      `${selected.length} connector instance(s) stored in ${locker.location}`,
  );
  for (const line of summariseOutcomes(incomplete)) writeLine(context.stdout, line);
  const counts = countStatuses(outcome.results.map((r) => r.status));
  writeLine(
    context.stdout,
    `checks: ${counts.pass} pass, ${counts.fail} fail, ${counts['not-assessable']} not assessable, ${counts.error} error`,
  );
  return incomplete.length > 0 ? EXIT.incomplete : EXIT.ok;
}

function selectInstances(
  config: Awaited<ReturnType<typeof loadProjectConfig>>,
  names: string[] | undefined,
  configPath: string,
) {
  if (!names || names.length === 0) return config.connectors;
  const known = new Set(config.connectors.map((c) => c.config.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new InputError('usage', [
      {
        location: { file: configPath },
        message: `no connector instance named ${unknown.join(', ')}; configured: ${[...known].join(', ') || 'none'}`,
      },
    ]);
  }
  return config.connectors.filter((c) => names.includes(c.config.name));
}

function summariseOutcomes(incomplete: CollectionOutcome[]): string[] {
  return incomplete.map(
    (o) =>
      `  ${o.status === 'error' ? 'error' : 'not assessable'}: ${o.instance} ${o.collector}: ${o.reason ?? 'no reason given'}`,
  );
}

function countStatuses(statuses: string[]): Record<'pass' | 'fail' | 'not-assessable' | 'error', number> {
  const counts = { pass: 0, fail: 0, 'not-assessable': 0, error: 0 };
  for (const status of statuses) counts[status as keyof typeof counts]++;
  return counts;
}
