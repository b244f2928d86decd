import type { Evidence } from '../evidence/evidence.js';
import type { Locker } from '../locker/locker.js';
import { errorSummary } from '../run/collection-failure.js';
import type { CollectionOutcome } from '../run/run-record.js';
import { compareText } from './compare-text.js';

/** What is known now about one collector of one instance: its newest outcome, with the evidence if collected. */
export interface CurrentCollection {
  outcome: CollectionOutcome;
  /** Present exactly when outcome.status is `collected`. */
  evidence?: Evidence;
  /** seq of the run that recorded the outcome; null for a run not yet in the ledger. */
  run: number | null;
}

export interface CurrentInstance {
  /** Connector type, as the newest outcome of the instance records it. */
  type: string;
  /** By collector id. */
  collections: ReadonlyMap<string, CurrentCollection>;
}

/**
 * The state of the world as the locker knows it: per instance and collector, the newest outcome over all runs.
 * A later failure supersedes an earlier success, because the state is then unknown.
 */
export interface CurrentEvidence {
  /** By instance name. */
  instances: ReadonlyMap<string, CurrentInstance>;
}

/** Outcomes of a run not yet in the ledger (the run in progress), newer than every stored one. */
export interface PendingCollection {
  outcomes: readonly CollectionOutcome[];
  evidence: readonly Evidence[];
}

export async function loadCurrentEvidence(
  locker: Locker,
  pending?: PendingCollection,
): Promise<CurrentEvidence> {
  const newest = new Map<string, Map<string, { outcome: CollectionOutcome; run: number | null }>>();
  const record = (outcome: CollectionOutcome, run: number | null) => {
    let instance = newest.get(outcome.instance);
    if (!instance) {
      instance = new Map();
      newest.set(outcome.instance, instance);
    }
    instance.set(outcome.collector, { outcome, run });
  };
  for await (const run of locker.listRuns()) {
    for (const outcome of run.record.collections) record(outcome, run.record.seq);
  }
  for (const outcome of pending?.outcomes ?? []) record(outcome, null);

  const known = new Map((pending?.evidence ?? []).map((evidence) => [evidence.id, evidence]));
  const instances = new Map<string, CurrentInstance>();
  for (const [name, entries] of byKey(newest)) {
    const collections = new Map<string, CurrentCollection>();
    let type = '';
    let typeRun = Number.NEGATIVE_INFINITY;
    for (const [id, { outcome, run }] of byKey(entries)) {
      // The instance's type is what its newest outcome says (pending counts as newest of all).
      if ((run ?? Number.POSITIVE_INFINITY) >= typeRun) {
        typeRun = run ?? Number.POSITIVE_INFINITY;
        type = outcome.connectorType;
      }
      collections.set(id, await withEvidence(locker, outcome, run, known));
    }
    instances.set(name, { type, collections });
  }
  return { instances };
}

/** The newest known state of one collector of one instance. */
export function currentCollection(
  current: CurrentEvidence,
  instance: string,
  collector: string,
): CurrentCollection | undefined {
  return current.instances.get(instance)?.collections.get(collector);
}

function byKey<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compareText(a, b));
}

async function withEvidence(
  locker: Locker,
  outcome: CollectionOutcome,
  run: number | null,
  known: ReadonlyMap<string, Evidence>,
): Promise<CurrentCollection> {
  if (outcome.status !== 'collected' || outcome.evidence === undefined) return { outcome, run };
  const id = outcome.evidence as Evidence['id'];
  try {
    return { outcome, run, evidence: known.get(id) ?? (await locker.getEvidence(id, outcome)) };
  } catch (error) {
    // A damaged locker makes the state unknown; `annexa verify` says which object and why.
    const reason = `the evidence of ${outcome.collector} could not be read from the locker: ${errorSummary(error)}`;
    const { evidence: _lost, ...rest } = outcome;
    return { outcome: { ...rest, status: 'error', reason }, run };
  }
}

/**
 * Only the instances still configured: evidence of an instance removed from annexa.yaml stays in the locker
 * (it is history) but no longer speaks for the present.
 */
export function restrictToInstances(current: CurrentEvidence, names: Iterable<string>): CurrentEvidence {
  const keep = new Set(names);
  return { instances: new Map([...current.instances].filter(([name]) => keep.has(name))) };
}
