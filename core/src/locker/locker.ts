import type { ContentId, Evidence, EvidenceRecord } from '../evidence/evidence.js';
import type { ResultsDocument } from '../run/results.js';
import type { RunDraft, RunRecord } from '../run/run-record.js';

/** Where a piece of evidence was collected: a hint for lockers that file evidence by instance and collector. */
export interface EvidenceLocation {
  instance: string;
  collector: string;
}

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
  /** Objects (evidence, results, blobs) re-hashed. */
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
  /**
   * Reads and re-hashes; throws LockerError `missing` or `corrupt`. `where` (the instance and collector that
   * stored it, as a run's collections name them) lets a backend go straight to the object instead of searching.
   */
  getEvidence(id: ContentId, where?: EvidenceLocation): Promise<Evidence>;
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
  /**
   * Stores raw bytes (a manual evidence file, a packaged report) under the sha256 of the bytes themselves,
   * so `sha256sum` of the stored file equals the id. Idempotent: the same bytes give the same id and one blob.
   */
  putBlob(bytes: Uint8Array): Promise<ContentId>;
  /** Reads a blob and re-hashes it; throws LockerError `missing` or `corrupt`. */
  getBlob(id: ContentId): Promise<Uint8Array>;
  /** Every blob stored, in no particular order. */
  listBlobs(): AsyncIterable<BlobInfo>;
}

export interface BlobInfo {
  id: ContentId;
  size: number;
}
