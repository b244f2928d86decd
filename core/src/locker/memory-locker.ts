import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import { canonicalize, contentId, sha256Id } from '../evidence/canonical-json.js';
import {
  type ContentId,
  contentIdSchema,
  type Evidence,
  type EvidenceRecord,
  evidenceRecordSchema,
} from '../evidence/evidence.js';
import { type ResultsDocument, resultsDocumentSchema } from '../run/results.js';
import { RUN_SCHEMA, type RunDraft, type RunRecord, runRecordSchema } from '../run/run-record.js';
import type { BlobInfo, Locker, LockerProblem, LockerVerifyReport, StoredRun } from './locker.js';
import { LockerError } from './locker-error.js';
import { decodeRecord, encodeRecord } from './object-codec.js';

/** How each kind of stored object is validated, and named in messages. */
const OBJECT_KINDS = {
  evidence: [evidenceRecordSchema, 'an evidence record'],
  results: [resultsDocumentSchema, 'a results document'],
} as const;

/**
 * The files of a memory locker, keyed by path (`evidence/<hex>.json`, `results/<hex>.json`,
 * `runs/000001.json`), each holding canonical JSON text; blobs (`blobs/<hex>`) hold their bytes as latin1 text,
 * one character per byte, so any bytes round-trip. Pass one in to look at it, or to share it
 * between two lockers the way two processes share a directory.
 */
export type MemoryLockerFiles = Map<string, string>;

const EVIDENCE_DIR = 'evidence/';
const RESULTS_DIR = 'results/';
const RUNS_DIR = 'runs/';
const BLOBS_DIR = 'blobs/';
const BLOB_PATH = /^blobs\/([0-9a-f]{64})$/;
const OBJECT_PATH = /^(evidence|results)\/([0-9a-f]{64})\.json$/;
const RUN_PATH = /^runs\/(\d{6,})\.json$/;

/** The lock of one backing store: shared by every locker over it, the way processes share a directory. */
interface LockState {
  held: boolean;
  /** Holders waiting their turn, first come first served. */
  waiting: (() => void)[];
}
const locks = new WeakMap<MemoryLockerFiles, LockState>();
// Which locker the current async flow holds the lock through, so its own appendRun does not wait for itself
// while another locker over the same files (another "process") still does.
const lockHolder = new AsyncLocalStorage<MemoryLocker>();

const objectPath = (dir: string, id: ContentId) => `${dir}${id.slice('sha256:'.length)}.json`;
const runPath = (seq: number) => `${RUNS_DIR}${String(seq).padStart(6, '0')}.json`;

/**
 * A complete Locker held in memory: same ids, chaining and verification as the disk locker, nothing
 * persisted. For tests and dry runs. Objects are stored as canonical text, so later changes to a record the
 * caller still holds never reach the locker.
 */
export class MemoryLocker implements Locker {
  readonly location: string;
  readonly files: MemoryLockerFiles;
  private readonly lockTimeoutMs: number;

  /**
   * @param options.files the backing store; pass one to look at it or to share it with another locker.
   * @param options.lockTimeoutMs how long withLock waits for another holder before failing with `locked`
   *   (default: as long as it takes).
   */
  constructor(options: { location?: string; files?: MemoryLockerFiles; lockTimeoutMs?: number } = {}) {
    this.location = options.location ?? 'memory';
    this.files = options.files ?? new Map();
    this.lockTimeoutMs = options.lockTimeoutMs ?? Number.POSITIVE_INFINITY;
  }

  async init(): Promise<void> {}

  async putEvidence(record: EvidenceRecord): Promise<Evidence> {
    const encoded = encodeRecord(evidenceRecordSchema, record, 'an evidence record');
    this.files.set(objectPath(EVIDENCE_DIR, encoded.id), encoded.bytes.toString('utf8'));
    // The stored JSON, not the caller's object: what the caller does to it never reaches the locker.
    return { id: encoded.id, record: encoded.value as EvidenceRecord };
  }

  // The location hint is not needed: the map is keyed by id.
  async getEvidence(id: ContentId): Promise<Evidence> {
    const record = this.readObject(objectPath(EVIDENCE_DIR, id), id, ...OBJECT_KINDS.evidence);
    return { id, record: record as EvidenceRecord };
  }

  async putResults(document: ResultsDocument): Promise<ContentId> {
    const encoded = encodeRecord(resultsDocumentSchema, document, 'a results document');
    this.files.set(objectPath(RESULTS_DIR, encoded.id), encoded.bytes.toString('utf8'));
    return encoded.id;
  }

  async getResults(id: ContentId): Promise<ResultsDocument> {
    return this.readObject(objectPath(RESULTS_DIR, id), id, ...OBJECT_KINDS.results);
  }

  async putBlob(bytes: Uint8Array): Promise<ContentId> {
    const id = sha256Id(bytes);
    const path = `${BLOBS_DIR}${id.slice('sha256:'.length)}`;
    if (!this.files.has(path)) this.files.set(path, Buffer.from(bytes).toString('latin1'));
    return id;
  }

  async getBlob(id: ContentId): Promise<Uint8Array> {
    if (!contentIdSchema.safeParse(id).success) {
      throw new LockerError('missing', `${String(id)} is not a blob id (expected sha256:<64 hex digits>)`);
    }
    const path = `${BLOBS_DIR}${id.slice('sha256:'.length)}`;
    const text = this.files.get(path);
    if (text === undefined)
      throw new LockerError('missing', `blob ${id} is not in the locker ${this.location}`);
    const bytes = Buffer.from(text, 'latin1');
    const actual = sha256Id(bytes);
    if (actual !== id) {
      throw new LockerError(
        'corrupt',
        `${path} in ${this.location} changed after it was stored: it now hashes to ${actual}`,
      );
    }
    return new Uint8Array(bytes);
  }

  async *listBlobs(): AsyncIterable<BlobInfo> {
    for (const [path, text] of [...this.files]) {
      const blob = BLOB_PATH.exec(path);
      if (blob) yield { id: `sha256:${blob[1]}`, size: Buffer.byteLength(text, 'latin1') };
    }
  }

  async appendRun(draft: RunDraft): Promise<StoredRun> {
    // Under the lock, so runs appended from two lockers at once still form one chain.
    return this.withLock(async () => {
      const head = this.runs().at(-1);
      const record = runRecordSchema.parse({
        ...draft,
        schema: RUN_SCHEMA,
        seq: (head?.record.seq ?? 0) + 1,
        prev: head?.id ?? null,
      });
      this.files.set(runPath(record.seq), canonicalize(record));
      return { id: contentId(record), record };
    });
  }

  async *listRuns(): AsyncIterable<StoredRun> {
    yield* this.runs();
  }

  async headRun(): Promise<StoredRun | undefined> {
    return this.runs().at(-1);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    let lock = locks.get(this.files);
    if (!lock) {
      lock = { held: false, waiting: [] };
      locks.set(this.files, lock);
    }
    if (lockHolder.getStore() === this) return fn();
    await this.acquire(lock);
    try {
      return await lockHolder.run(this, fn);
    } finally {
      // Hand the lock straight to the next holder, or free it.
      const next = lock.waiting.shift();
      if (next) next();
      else lock.held = false;
    }
  }

  private acquire(lock: LockState): Promise<void> {
    if (!lock.held) {
      lock.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      lock.waiting.push(turn);
      if (Number.isFinite(this.lockTimeoutMs)) {
        timer = setTimeout(() => {
          lock.waiting.splice(lock.waiting.indexOf(turn), 1);
          reject(
            new LockerError(
              'locked',
              `the locker ${this.location} is held by another run; gave up after ${this.lockTimeoutMs} ms`,
            ),
          );
        }, this.lockTimeoutMs);
      }
    });
  }

  async verify(): Promise<LockerVerifyReport> {
    const problems: LockerProblem[] = [];
    let objects = 0;
    let bytes = 0;
    for (const [path, text] of this.files) {
      const blob = BLOB_PATH.exec(path);
      if (blob) {
        objects++;
        const content = Buffer.from(text, 'latin1');
        bytes += content.length;
        const actual = sha256Id(content);
        if (actual !== `sha256:${blob[1]}`) {
          problems.push({
            kind: 'changed',
            path,
            message: `changed after it was stored: it now hashes to ${actual}`,
          });
        }
        continue;
      }
      bytes += Buffer.byteLength(text);
      const object = OBJECT_PATH.exec(path);
      if (object) {
        objects++;
        const decoded =
          `${object[1]}/` === EVIDENCE_DIR
            ? decodeRecord(Buffer.from(text, 'utf8'), `sha256:${object[2]}`, ...OBJECT_KINDS.evidence)
            : decodeRecord(Buffer.from(text, 'utf8'), `sha256:${object[2]}`, ...OBJECT_KINDS.results);
        if (!decoded.ok) {
          const kind = decoded.problem === 'unreadable' ? 'unreadable' : 'changed';
          problems.push({ kind, path, message: decoded.message });
        }
      } else if (!RUN_PATH.test(path)) {
        problems.push({ kind: 'unexpected', path, message: 'not a file a locker writes' });
      }
    }
    const runs = this.verifyRuns(problems);
    return { ok: problems.length === 0, objects, runs, bytes, problems };
  }

  /** Checks the chain (seq 1, 2, ...; each prev the id of the one before) and what each run refers to. */
  private verifyRuns(problems: LockerProblem[]): number {
    const paths = [...this.files.keys()].filter((path) => RUN_PATH.test(path)).sort();
    let prev: ContentId | null = null;
    paths.forEach((path, index) => {
      const seq = index + 1;
      let record: RunRecord;
      try {
        record = runRecordSchema.parse(JSON.parse(this.files.get(path) ?? ''));
      } catch {
        problems.push({ kind: 'unreadable', path, message: 'not a valid annexa.run/v1 record' });
        prev = null;
        return;
      }
      if (path !== runPath(seq) || record.seq !== seq || record.prev !== prev) {
        problems.push({
          kind: 'chain-broken',
          path,
          message: `expected run ${seq} chained to ${prev ?? 'nothing'}, found run ${record.seq} chained to ${record.prev ?? 'nothing'}`,
        });
      }
      const referenced = [
        ...record.collections.flatMap((outcome) =>
          outcome.evidence ? [objectPath(EVIDENCE_DIR, outcome.evidence as ContentId)] : [],
        ),
        ...(record.results ? [objectPath(RESULTS_DIR, record.results as ContentId)] : []),
      ];
      for (const missing of referenced.filter((object) => !this.files.has(object))) {
        problems.push({
          kind: 'missing',
          path: missing,
          message: `referenced by ${path}, not in the locker`,
        });
      }
      prev = contentId(record);
    });
    return paths.length;
  }

  private runs(): StoredRun[] {
    const runs: StoredRun[] = [];
    for (let seq = 1; ; seq++) {
      const path = runPath(seq);
      const text = this.files.get(path);
      if (text === undefined) return runs;
      const record = parseStored(path, text, (value) => runRecordSchema.parse(value));
      runs.push({ id: contentId(record), record });
    }
  }

  private readObject<T>(path: string, id: ContentId, schema: z.ZodType<T>, what: string): T {
    const text = this.files.get(path);
    if (text === undefined) throw new LockerError('missing', `${id} is not in the locker ${this.location}`);
    const decoded = decodeRecord(Buffer.from(text, 'utf8'), id, schema, what);
    if (!decoded.ok) throw new LockerError('corrupt', `${path} in ${this.location}: ${decoded.message}`);
    return decoded.value;
  }
}

function parseStored<T>(path: string, text: string, parse: (value: unknown) => T): T {
  try {
    return parse(JSON.parse(text));
  } catch (error) {
    throw new LockerError('corrupt', `${path} is not a valid locker object`, { cause: error });
  }
}
