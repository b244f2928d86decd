import type { ContentId } from '../evidence/evidence.js';
import type { Locker, StoredRun } from '../locker/locker.js';

export interface SnapshotPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive; the state (results, drift) is judged as of this instant. */
  to: Date;
}

export interface RunSummary {
  seq: number;
  id: ContentId;
  prev: ContentId | null;
  startedAt: string;
  finishedAt: string;
  collected: number;
  notAssessable: number;
  errors: number;
  results: ContentId | null;
}

/** What one pass over the ledger decides before any file is written; bounded by runs and collectors. */
export interface LedgerPlan {
  period: SnapshotPeriod;
  /** Per `instance\0collector`: the newest evidence collected before the period, and the run naming it. */
  baseline: ReadonlyMap<string, { seq: number; id: ContentId }>;
  /** Runs started within the period, in ledger order. */
  runs: readonly RunSummary[];
  head: { seq: number; id: ContentId } | null;
}

export const collectionKey = (instance: string, collector: string): string => `${instance}\u0000${collector}`;

export function startedIn(run: StoredRun, period: SnapshotPeriod): boolean {
  const started = Date.parse(run.record.startedAt);
  return started >= period.from.getTime() && started < period.to.getTime();
}

/** Whether evidence of this run may have been collected within the period (a run can straddle a bound). */
export function mayHoldPeriodEvidence(run: StoredRun, period: SnapshotPeriod): boolean {
  return (
    Date.parse(run.record.finishedAt) >= period.from.getTime() &&
    Date.parse(run.record.startedAt) < period.to.getTime()
  );
}

export async function planLedger(locker: Locker, period: SnapshotPeriod): Promise<LedgerPlan> {
  const baseline = new Map<string, { seq: number; id: ContentId }>();
  const runs: RunSummary[] = [];
  const from = period.from.getTime();
  for await (const run of locker.listRuns()) {
    const { record } = run;
    if (Date.parse(record.startedAt) < from) {
      const straddles = Date.parse(record.finishedAt) >= from;
      for (const outcome of record.collections) {
        if (outcome.status !== 'collected' || outcome.evidence === undefined) continue;
        const id = outcome.evidence as ContentId;
        // Only a run that straddles the start needs its evidence read to tell before from after.
        if (straddles && Date.parse((await locker.getEvidence(id, outcome)).record.collectedAt) >= from)
          continue;
        baseline.set(collectionKey(outcome.instance, outcome.collector), { seq: record.seq, id });
      }
    }
    if (startedIn(run, period)) {
      const count = (status: string) => record.collections.filter((c) => c.status === status).length;
      runs.push({
        seq: record.seq,
        id: run.id,
        prev: record.prev as ContentId | null,
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
        collected: count('collected'),
        notAssessable: count('not-assessable'),
        errors: count('error'),
        results: record.results as ContentId | null,
      });
    }
  }
  const head = await locker.headRun();
  return { period, baseline, runs, head: head ? { seq: head.record.seq, id: head.id } : null };
}
