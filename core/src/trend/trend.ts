import { meanTimeToCloseDays, type Nonconformity } from '../actions/register.js';
import { compareControlIds } from '../catalog/catalog.js';
import { checkControlIds } from '../evaluate/evaluate-checks.js';
import type { CheckResult } from '../run/results.js';
import type { AnyCheck } from '../sdk/check.js';

export interface TrendRun {
  seq: number;
  at: string;
  results: readonly CheckResult[];
}

export interface TrendPoint {
  seq: number;
  at: string;
  pass: number;
  fail: number;
  /** not-assessable and error results. */
  unknown: number;
  /** Nonconformities open at the end of that run. */
  openActions: number;
}

export interface ControlTrend {
  control: string;
  /** Passing share of the control's assessed results, first and last run that assessed it. */
  first: { seq: number; pass: number; assessed: number };
  last: { seq: number; pass: number; assessed: number };
  /** Nonconformities ever opened against the control, and still open. */
  opened: number;
  open: number;
  meanTimeToCloseDays: number | undefined;
}

export interface Trend {
  points: TrendPoint[];
  controls: ControlTrend[];
  actions: { opened: number; closed: number; open: number; meanTimeToCloseDays: number | undefined };
}

/** Figures over time (6.2 objectives, 9.1 monitoring) from the ledger's results and the action register. Pure. */
export function computeTrend(input: {
  runs: readonly TrendRun[];
  actions: readonly Nonconformity[];
  checks: readonly AnyCheck[];
}): Trend {
  const controlsOf = new Map(input.checks.map((check) => [check.id, checkControlIds(check)]));
  const points: TrendPoint[] = [];
  const perControl = new Map<string, { first: ControlTrend['first']; last: ControlTrend['last'] }>();
  for (const run of input.runs) {
    let pass = 0;
    let fail = 0;
    let unknown = 0;
    const tally = new Map<string, { pass: number; assessed: number }>();
    for (const result of run.results) {
      if (result.status === 'pass') pass++;
      else if (result.status === 'fail') fail++;
      else unknown++;
      if (result.status !== 'pass' && result.status !== 'fail') continue;
      for (const control of controlsOf.get(result.check) ?? []) {
        const counts = tally.get(control) ?? { pass: 0, assessed: 0 };
        counts.assessed++;
        if (result.status === 'pass') counts.pass++;
        tally.set(control, counts);
      }
    }
    for (const [control, counts] of tally) {
      const figure = { seq: run.seq, ...counts };
      const known = perControl.get(control);
      perControl.set(control, { first: known?.first ?? figure, last: figure });
    }
    // By run, not by clock: a record is opened and closed by runs, just after each run's own timestamps.
    const openActions = input.actions.filter(
      (action) =>
        action.openedRun.seq <= run.seq && (action.closedRun === undefined || action.closedRun.seq > run.seq),
    ).length;
    points.push({ seq: run.seq, at: run.at, pass, fail, unknown, openActions });
  }
  const actionControls = new Set(input.actions.flatMap((action) => (action.control ? [action.control] : [])));
  const controls = [...new Set([...perControl.keys(), ...actionControls])]
    .sort(compareControlIds)
    .map((control) => {
      const actions = input.actions.filter((action) => action.control === control);
      const none = { seq: 0, pass: 0, assessed: 0 };
      return {
        control,
        first: perControl.get(control)?.first ?? none,
        last: perControl.get(control)?.last ?? none,
        opened: actions.length,
        open: actions.filter((action) => action.status === 'open').length,
        meanTimeToCloseDays: meanTimeToCloseDays(actions),
      };
    });
  return {
    points,
    controls,
    actions: {
      opened: input.actions.length,
      closed: input.actions.filter((action) => action.status === 'closed').length,
      open: input.actions.filter((action) => action.status === 'open').length,
      meanTimeToCloseDays: meanTimeToCloseDays(input.actions),
    },
  };
}
