import {
  ACTIONS_STATE,
  computeTrend,
  emptyRegister,
  FsStateStore,
  registerSchema,
  type Trend,
  type TrendRun,
} from '@annexa/core';
import type { FsLocker } from '@annexa/storage-fs';
import { type CliContext, writeLine } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadProjectConfig, openLocker } from '../load.js';
import { CHECKS } from '../systems.js';

/** `annexa trend`: checks passing, open nonconformities and mean time to close, over the locker's history. */
export async function trendCommand(context: CliContext, options: { json?: boolean }): Promise<ExitCode> {
  const config = await loadProjectConfig(context);
  const locker = await openLocker(config.locker);
  const { trend } = await loadTrend(locker);
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(trend, null, 2));
    return EXIT.ok;
  }
  writeLine(context.stdout, 'run   finished                  pass  fail  unknown  open actions');
  for (const point of trend.points) {
    writeLine(
      context.stdout,
      `${String(point.seq).padEnd(5)} ${point.at}  ${String(point.pass).padStart(4)}  ${String(point.fail).padStart(4)}  ${String(point.unknown).padStart(7)}  ${String(point.openActions).padStart(12)}`,
    );
  }
  writeLine(context.stdout);
  writeLine(context.stdout, 'control  first pass  last pass  opened  open  mean days to close');
  for (const row of trend.controls) {
    writeLine(
      context.stdout,
      `${row.control.padEnd(8)} ${`${row.first.pass}/${row.first.assessed}`.padStart(10)}  ${`${row.last.pass}/${row.last.assessed}`.padStart(9)}  ${String(row.opened).padStart(6)}  ${String(row.open).padStart(4)}  ${row.meanTimeToCloseDays === undefined ? 'n/a' : row.meanTimeToCloseDays.toFixed(1)}`,
    );
  }
  const mttc = trend.actions.meanTimeToCloseDays;
  writeLine(
    context.stdout,
    `\nnonconformities: ${trend.actions.opened} opened, ${trend.actions.closed} closed, ${trend.actions.open} open; mean time to close ${mttc === undefined ? 'n/a' : `${mttc.toFixed(1)} days`}`,
  );
  return EXIT.ok;
}

/** Every run that evaluated checks, with its results, and the register. */
export async function loadTrend(
  locker: FsLocker,
): Promise<{ trend: Trend; runs: TrendRun[]; register: ReturnType<typeof emptyRegister> }> {
  const runs: TrendRun[] = [];
  for await (const run of locker.listRuns()) {
    if (run.record.results === null) continue;
    const document = await locker.getResults(run.record.results as `sha256:${string}`);
    runs.push({ seq: run.record.seq, at: run.record.finishedAt, results: document.results });
  }
  const register =
    (await new FsStateStore(locker.location).read(ACTIONS_STATE, registerSchema)) ?? emptyRegister();
  return { trend: computeTrend({ runs, actions: register.actions, checks: CHECKS }), runs, register };
}
