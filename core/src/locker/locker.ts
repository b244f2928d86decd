import type { ContentId, Evidence, EvidenceRecord } from '../evidence/evidence.js';
import type { ResultsDocument } from '../run/results.js';
import type { RunDraft, RunRecord } from '../run/run-record.js';

export interface StoredRun {
  id: ContentId;
  record: RunRecord;
}

export type LockerProblemKind = 'changed' | 'missing' | 'unexpected' | 'chain-broken' | 'unreadable';

export interface LockerProblem {
  kind: LockerProblemKind;
  /** Path relative to the locker root (or key, for object stores). */
  path: string;
  message: string;
}

export interface LockerVerifyReport {
  ok: boolean;
  /** Objects (evidence, results) re-hashed. */
  objects: number;
  runs: number;
  bytes: number;
  problems: LockerProblem[];
}

/**
 * Where evidence, check results and runs are kept: content-addressed, append-only, hash-chained.
 * Implementations: storage/fs (local disk). Every implementation passes the contract suite in
 * `@annexa/core/testing` (lockerContract).
 */
export interface Locker {
  /** Human location for messages, e.g. the directory. */
  readonly location: string;
  /** Creates the locker if it does not exist; a no-op otherwise. */
  init(): Promise<void>;
  /** Stores a record (idempotent: the same record gives the same id and one object). */
  putEvidence(record: EvidenceRecord): Promise<Evidence>;
  /** Reads and re-hashes; throws LockerError `missing` or `corrupt`. */
  getEvidence(id: ContentId): Promise<Evidence>;
  putResults(document: ResultsDocument): Promise<ContentId>;
  getResults(id: ContentId): Promise<ResultsDocument>;
  /** Appends a run to the ledger, chained to the current head. */
  appendRun(draft: RunDraft): Promise<StoredRun>;
  /** Runs in ledger order, oldest first. */
  listRuns(): AsyncIterable<StoredRun>;
  headRun(): Promise<StoredRun | undefined>;
  /** Holds the locker's exclusive lock while fn runs; another process waits, then fails with `locked`. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Re-hashes every object and the run chain; reports every object changed, missing or unexpected. */
  verify(): Promise<LockerVerifyReport>;
}
