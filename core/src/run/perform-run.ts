import { type CurrentEvidence, loadCurrentEvidence } from '../evaluate/current-evidence.js';
import { evaluateChecks } from '../evaluate/evaluate-checks.js';
import type { ContentId, Evidence } from '../evidence/evidence.js';
import type { StoredRun } from '../locker/locker.js';
import type { AnyCheck } from '../sdk/check.js';
import { toTimestamp } from '../time/time.js';
import { type CollectOptions, collectEvidence } from './collect-evidence.js';
import { type CheckResult, RESULTS_SCHEMA } from './results.js';
import type { CollectionOutcome } from './run-record.js';

export interface RunOptions extends CollectOptions {
  checks: readonly AnyCheck[];
  /** The SoA in force, recorded in the run; null or absent when there is none. */
  soa?: { version: string; id: ContentId } | null;
  tool: { name: string; version: string };
}

export interface RunResult {
  run: StoredRun;
  /** The checks judged over the current evidence: this run's plus earlier runs' for instances not collected now. */
  results: CheckResult[];
  outcomes: CollectionOutcome[];
  /** Evidence stored by this run. */
  evidence: Evidence[];
  /** The current evidence the results were evaluated over, for drift and asset observation. */
  current: CurrentEvidence;
}

/**
 * One run, under the locker's lock: collect, evaluate every check over the current evidence, store the
 * results, then append the run to the ledger. A cancelled run appends nothing; the evidence it stored is
 * content-addressed and harmless.
 */
export async function performRun(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const { locker } = options;
  return locker.withLock(async () => {
    const startedAt = toTimestamp(now());
    const { outcomes, evidence } = await collectEvidence(options);
    options.signal?.throwIfAborted();
    const current = await loadCurrentEvidence(locker, { outcomes, evidence });
    const results = evaluateChecks({ checks: options.checks, current });
    const resultsId = await locker.putResults({
      schema: RESULTS_SCHEMA,
      evaluatedAt: toTimestamp(now()),
      results,
    });
    const run = await locker.appendRun({
      startedAt,
      finishedAt: toTimestamp(now()),
      tool: options.tool,
      soa: options.soa ?? null,
      collections: outcomes,
      results: resultsId,
    });
    return { run, results, outcomes, evidence, current };
  });
}
