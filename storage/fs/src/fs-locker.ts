import { AsyncLocalStorage } from 'node:async_hooks';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type BlobInfo,
  type ContentId,
  contentIdSchema,
  decodeRecord,
  type Evidence,
  type EvidenceLocation,
  type EvidenceRecord,
  encodeRecord,
  evidenceRecordSchema,
  type Locker,
  LockerError,
  type LockerVerifyReport,
  type ResultsDocument,
  RUN_SCHEMA,
  type RunDraft,
  resultsDocumentSchema,
  runRecordSchema,
  type StoredRun,
  sha256Id,
} from '@annexa/core';
import type { z } from 'zod';
import { ensureDirectory, publish, writeNewFile, writeTempFile } from './atomic-write.js';
import { acquireLock, releaseLock } from './file-lock.js';
import { errorCode, ioError, isNotFound } from './fs-errors.js';
import {
  BLOB_FILE,
  BLOBS_DIR,
  blobPath,
  EVIDENCE_DIR,
  evidencePath,
  GITIGNORE_CONTENT,
  GITIGNORE_FILE,
  hexOf,
  IGNORED_ROOT_ENTRIES,
  LOCKER_SCHEMA,
  lockerManifestSchema,
  MANIFEST_FILE,
  RESULTS_DIR,
  RUNS_DIR,
  resultsPath,
  runPath,
  seqOfRunFile,
  TMP_DIR,
} from './layout.js';
import { cleanTempFiles } from './temp-cleanup.js';
import { verifyLocker } from './verify.js';

export interface FsLockerOptions {
  /** How long withLock (and appendRun) wait for another holder before failing with `locked`. Default 10 s. */
  lockTimeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** Entries init accepts in a directory it turns into a locker: its own (from an interrupted init) and git's. */
const INIT_TOLERATED = new Set([
  ...IGNORED_ROOT_ENTRIES,
  GITIGNORE_FILE,
  EVIDENCE_DIR,
  RESULTS_DIR,
  RUNS_DIR,
  BLOBS_DIR,
]);

/**
 * The evidence locker on local disk. Every file holds the exact canonical JSON of one record, named by its
 * SHA-256 (runs: by their sequence number), written to `.tmp`, fsynced and published with a link that never
 * replaces, so a crash leaves either the whole file or nothing. See docs/decisions/001-locker-layout.md.
 */
export class FsLocker implements Locker {
  readonly location: string;
  readonly #root: string;
  readonly #lockTimeoutMs: number;
  #opened: Promise<void> | undefined;
  /** Directories known to exist, so a put costs no mkdir. */
  readonly #directories = new Set<string>();
  /** Evidence directories (`evidence/<instance>/<collector>`) seen so far, where getEvidence looks. */
  readonly #evidenceDirectories = new Set<string>();
  /** Set while this instance holds the lock, so nested withLock (e.g. appendRun inside a run) does not wait on itself. */
  readonly #holding = new AsyncLocalStorage<true>();
  /** Appends of one instance run one at a time, even inside one withLock. */
  #appendTail: Promise<unknown> = Promise.resolve();

  constructor(dir: string, options: FsLockerOptions = {}) {
    this.#root = resolve(dir);
    this.location = this.#root;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  }

  async init(): Promise<void> {
    if ((await this.#readManifest()) === undefined) await this.#create();
    await this.open();
  }

  async putEvidence(record: EvidenceRecord): Promise<Evidence> {
    await this.open();
    const encoded = encodeRecord(evidenceRecordSchema, record, 'evidence');
    const path = evidencePath(encoded.value.connector.instance, encoded.value.collector.id, encoded.id);
    await this.#writeObject(path, encoded.bytes);
    this.#evidenceDirectories.add(dirname(path));
    return { id: encoded.id, record: encoded.value as EvidenceRecord };
  }

  async getEvidence(id: ContentId, where?: EvidenceLocation): Promise<Evidence> {
    await this.open();
    const hex = this.#hexOrMissing(id, 'evidence');
    // The hint names the one directory the object should be in; without it (or when it is wrong) search.
    const hinted = where
      ? await this.#readFirst([dirname(evidencePath(where.instance, where.collector, id))], hex)
      : undefined;
    const found = hinted ?? (await this.#findEvidence(hex));
    if (found === undefined)
      throw new LockerError('missing', `evidence ${id} is not in the locker ${this.location}`);
    const record = this.#decodeObject(
      found.path,
      found.bytes,
      id,
      evidenceRecordSchema,
      'an annexa.evidence/v1 record',
    );
    return { id, record: record as EvidenceRecord };
  }

  async putResults(document: ResultsDocument): Promise<ContentId> {
    await this.open();
    const encoded = encodeRecord(resultsDocumentSchema, document, 'check results');
    await this.#writeObject(resultsPath(encoded.id), encoded.bytes);
    return encoded.id;
  }

  async getResults(id: ContentId): Promise<ResultsDocument> {
    await this.open();
    this.#hexOrMissing(id, 'results');
    const path = resultsPath(id);
    const bytes = await this.#readIfPresent(path);
    if (bytes === undefined)
      throw new LockerError('missing', `results ${id} are not in the locker ${this.location}`);
    return this.#decodeObject(path, bytes, id, resultsDocumentSchema, 'an annexa.results/v1 document');
  }

  async putBlob(bytes: Uint8Array): Promise<ContentId> {
    await this.open();
    const id = sha256Id(bytes);
    await this.#writeObject(blobPath(id), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return id;
  }

  async getBlob(id: ContentId): Promise<Uint8Array> {
    await this.open();
    this.#hexOrMissing(id, 'a blob');
    const path = blobPath(id);
    const bytes = await this.#readIfPresent(path);
    if (bytes === undefined)
      throw new LockerError('missing', `blob ${id} is not in the locker ${this.location}`);
    const actual = sha256Id(bytes);
    if (actual !== id) throw this.#corrupt(path, `changed after it was stored: it now hashes to ${actual}`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async *listBlobs(): AsyncIterable<BlobInfo> {
    await this.open();
    let names: string[];
    try {
      names = await readdir(join(this.#root, BLOBS_DIR));
    } catch (error) {
      if (isNotFound(error)) return;
      throw ioError('list', join(this.location, BLOBS_DIR), error);
    }
    for (const name of names) {
      const hex = BLOB_FILE.exec(name)?.[1];
      if (hex === undefined) continue;
      const size = await stat(join(this.#root, BLOBS_DIR, name)).then(
        (stats) => stats.size,
        (error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw ioError('read', join(this.location, BLOBS_DIR, name), error);
        },
      );
      if (size !== undefined) yield { id: `sha256:${hex}`, size };
    }
  }

  async appendRun(draft: RunDraft): Promise<StoredRun> {
    await this.open();
    return this.withLock(() => {
      const appended = this.#appendTail.then(() => this.#appendNow(draft));
      this.#appendTail = appended.catch(() => undefined);
      return appended;
    });
  }

  async *listRuns(): AsyncIterable<StoredRun> {
    await this.open();
    for (const seq of await this.#runSeqs()) yield await this.#readRun(seq);
  }

  async headRun(): Promise<StoredRun | undefined> {
    await this.open();
    const seq = (await this.#runSeqs()).at(-1);
    return seq === undefined ? undefined : this.#readRun(seq);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#holding.getStore()) return fn();
    await this.open();
    let holder: Awaited<ReturnType<typeof acquireLock>>;
    try {
      holder = await acquireLock(this.#root, this.#lockTimeoutMs);
    } catch (error) {
      throw ioError('take the lock of', this.location, error);
    }
    try {
      return await this.#holding.run(true, fn);
    } finally {
      await releaseLock(this.#root, holder);
    }
  }

  async verify(): Promise<LockerVerifyReport> {
    await this.open();
    return verifyLocker(this.#root);
  }

  async #appendNow(draft: RunDraft): Promise<StoredRun> {
    const head = await this.headRun();
    const encoded = encodeRecord(
      runRecordSchema,
      { ...draft, schema: RUN_SCHEMA, seq: (head?.record.seq ?? 0) + 1, prev: head?.id ?? null },
      'the run',
    );
    const path = runPath(encoded.value.seq);
    try {
      await this.#ensureDirectory(RUNS_DIR);
      const outcome = await publish(await writeTempFile(this.#root, encoded.bytes), join(this.#root, path));
      if (outcome === 'exists') {
        throw new LockerError(
          'locked',
          `${path} appeared in ${this.location} while this process held the lock: another writer ignored the lock`,
        );
      }
    } catch (error) {
      throw ioError('write', join(this.location, path), error);
    }
    return { id: encoded.id, record: encoded.value };
  }

  async #readRun(seq: number): Promise<StoredRun> {
    const path = runPath(seq);
    const bytes = await this.#readIfPresent(path);
    if (bytes === undefined)
      throw new LockerError('missing', `${path} is not in the locker ${this.location}`);
    const decoded = decodeRecord(bytes, undefined, runRecordSchema, 'an annexa.run/v1 record');
    if (!decoded.ok) throw this.#corrupt(path, decoded.message);
    if (decoded.value.seq !== seq)
      throw this.#corrupt(path, `misnamed: it says it is run ${decoded.value.seq}`);
    return { id: decoded.id, record: decoded.value };
  }

  async #runSeqs(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(join(this.#root, RUNS_DIR));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw ioError('list', join(this.location, RUNS_DIR), error);
    }
    const seqs: number[] = [];
    for (const name of names) {
      const seq = seqOfRunFile(name);
      if (seq !== undefined) seqs.push(seq);
    }
    return seqs.sort((a, b) => a - b);
  }

  /** Content-addressed: an existing file already holds these bytes (or verify will say it does not). Never rewritten. */
  async #writeObject(path: string, bytes: Buffer): Promise<void> {
    const absolute = join(this.#root, path);
    try {
      await stat(absolute);
      return;
    } catch (error) {
      if (!isNotFound(error)) throw ioError('check', join(this.location, path), error);
    }
    const write = async () => {
      await this.#ensureDirectory(dirname(path));
      await publish(await writeTempFile(this.#root, bytes), absolute);
    };
    try {
      await write().catch(async (error: unknown) => {
        if (!isNotFound(error)) throw error;
        // A person removed the directory since this instance made it: make it again, once.
        this.#directories.delete(dirname(path));
        await write();
      });
    } catch (error) {
      throw ioError('write', join(this.location, path), error);
    }
  }

  async #findEvidence(hex: string): Promise<{ path: string; bytes: Buffer } | undefined> {
    const tried = new Set(this.#evidenceDirectories);
    const found = await this.#readFirst([...tried], hex);
    if (found !== undefined) return found;
    // Not where this instance has looked before: another process may have added directories since.
    for (const directory of await this.#listEvidenceDirectories()) this.#evidenceDirectories.add(directory);
    return this.#readFirst(
      [...this.#evidenceDirectories].filter((directory) => !tried.has(directory)),
      hex,
    );
  }

  async #readFirst(directories: string[], hex: string): Promise<{ path: string; bytes: Buffer } | undefined> {
    const reads = await Promise.all(
      directories.map(async (directory) => {
        const path = `${directory}/${hex}.json`;
        const bytes = await this.#readIfPresent(path);
        return bytes === undefined ? undefined : { path, bytes };
      }),
    );
    return reads.find((read) => read !== undefined);
  }

  async #listEvidenceDirectories(): Promise<string[]> {
    const directories: string[] = [];
    const subdirectories = async (path: string) => {
      try {
        const entries = await readdir(join(this.#root, path), { withFileTypes: true });
        return entries.filter((entry) => entry.isDirectory()).map((entry) => `${path}/${entry.name}`);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw ioError('list', join(this.location, path), error);
      }
    };
    for (const instance of await subdirectories(EVIDENCE_DIR))
      directories.push(...(await subdirectories(instance)));
    return directories;
  }

  #decodeObject<T>(path: string, bytes: Buffer, id: ContentId, schema: z.ZodType<T>, what: string): T {
    const decoded = decodeRecord(bytes, id, schema, what);
    if (!decoded.ok) throw this.#corrupt(path, decoded.message);
    return decoded.value;
  }

  #corrupt(path: string, message: string): LockerError {
    return new LockerError('corrupt', `${path} in the locker ${this.location} is ${message}`, {
      context: { path },
    });
  }

  #hexOrMissing(id: ContentId, what: string): string {
    if (!contentIdSchema.safeParse(id).success) {
      throw new LockerError(
        'missing',
        `${String(id)} is not an id of ${what} (expected sha256:<64 hex digits>)`,
      );
    }
    return hexOf(id);
  }

  async #readIfPresent(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.#root, path));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw ioError('read', join(this.location, path), error);
    }
  }

  async #ensureDirectory(path: string): Promise<void> {
    if (this.#directories.has(path)) return;
    await ensureDirectory(join(this.#root, path));
    this.#directories.add(path);
  }

  /**
   * Checks once per instance that the directory is a locker (LockerError `not-a-locker` if not), and clears
   * what crashed writers left in `.tmp`. Every other method calls it; call it to fail early.
   */
  open(): Promise<void> {
    this.#opened ??= (async () => {
      if ((await this.#readManifest()) === undefined) {
        throw new LockerError(
          'not-a-locker',
          `${this.location} is not an evidence locker: it has no ${MANIFEST_FILE}. Initialise it first, or check the path.`,
        );
      }
      try {
        await cleanTempFiles(this.#root);
      } catch (error) {
        throw ioError('clean', join(this.location, TMP_DIR), error);
      }
    })();
    // A failed open is retried next time (e.g. after init creates the locker).
    this.#opened.catch(() => {
      this.#opened = undefined;
    });
    return this.#opened;
  }

  async #readManifest(): Promise<'valid' | undefined> {
    const path = join(this.#root, MANIFEST_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error) || errorCode(error) === 'ENOTDIR') return undefined;
      throw ioError('read', path, error);
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch {
      manifest = undefined;
    }
    if (!lockerManifestSchema.safeParse(manifest).success) {
      throw new LockerError(
        'not-a-locker',
        `${path} is not a locker manifest: expected {"schema":"${LOCKER_SCHEMA}","createdAt":...}. Restore it from a copy of the locker.`,
        { context: { path } },
      );
    }
    return 'valid';
  }

  async #create(): Promise<void> {
    let entries: string[] = [];
    try {
      entries = await readdir(this.#root);
    } catch (error) {
      if (!isNotFound(error)) throw ioError('read', this.location, error);
    }
    const foreign = entries.filter((name) => !INIT_TOLERATED.has(name));
    if (foreign.length > 0) {
      throw new LockerError(
        'not-a-locker',
        `${this.location} is not empty and is not a locker (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}). Choose an empty or new directory.`,
      );
    }
    try {
      for (const directory of [TMP_DIR, EVIDENCE_DIR, RESULTS_DIR, RUNS_DIR])
        await this.#ensureDirectory(directory);
      await writeNewFile(this.#root, GITIGNORE_FILE, Buffer.from(GITIGNORE_CONTENT));
      const manifest = lockerManifestSchema.parse({
        schema: LOCKER_SCHEMA,
        createdAt: new Date().toISOString(),
      });
      // Written last: a directory is a locker only once everything else is in place.
      await writeNewFile(this.#root, MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    } catch (error) {
      throw ioError('create the locker in', this.location, error);
    }
  }
}

/** Opens an existing locker; throws LockerError `not-a-locker` when `dir` is not one. */
export async function openFsLocker(dir: string, options: FsLockerOptions = {}): Promise<FsLocker> {
  const locker = new FsLocker(dir, options);
  await locker.open();
  return locker;
}
