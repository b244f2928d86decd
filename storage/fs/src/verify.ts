import type { Dir } from 'node:fs';
import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ContentId,
  decodeRecord,
  type LockerProblem,
  type LockerVerifyReport,
  resultsDocumentSchema,
  runRecordSchema,
  sha256Id,
} from '@annexa/core';
import type { z } from 'zod';
import { errorCode, isNotFound } from './fs-errors.js';
import {
  BLOB_FILE,
  BLOBS_DIR,
  EVIDENCE_DIR,
  GITIGNORE_FILE,
  IGNORED_ROOT_ENTRIES,
  MANIFEST_FILE,
  OBJECT_FILE,
  pathSegment,
  RESULTS_DIR,
  RUNS_DIR,
  runPath,
  seqOfRunFile,
} from './layout.js';
import { TaskPool } from './task-pool.js';

/** Files re-hashed at once: enough to keep the disk and a core busy, few enough to keep memory flat. */
const READ_AHEAD = 8;

/** Who refers to an object we expect to find, and where it should be. */
interface Reference {
  /** e.g. `runs/00000003.json`; one string shared by every reference that file makes. */
  referrer: string;
  /** Expected path, when the referrer says which instance and collector made it. */
  path: string | undefined;
}

/**
 * Walks a locker directory once and reports every problem: objects whose bytes no longer hash to their name
 * (`changed`), files that do not parse (`unreadable`), objects referenced but absent (`missing`), anything not
 * in the layout (`unexpected`) and any break in the run chain (`chain-broken`). Paths are relative to the root.
 * Memory holds ids, never contents, so it stays flat in the number of objects.
 *
 * Runs are walked first, then results, then evidence: a run is appended after the objects it names, so a
 * writer working during the walk can never make a present object look missing.
 */
export async function verifyLocker(root: string): Promise<LockerVerifyReport> {
  const walk = new Walk(root);
  await walk.root();
  await walk.runs();
  await walk.results();
  await walk.evidence();
  await walk.blobs();
  walk.missingObjects();
  const problems = walk.problems.sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.kind < b.kind ? -1 : 1),
  );
  return {
    ok: problems.length === 0,
    objects: walk.objects,
    runs: walk.runCount,
    bytes: walk.bytes,
    problems,
  };
}

class Walk {
  readonly problems: LockerProblem[] = [];
  objects = 0;
  runCount = 0;
  bytes = 0;
  readonly #root: string;
  readonly #referencedEvidence = new Map<string, Reference>();
  readonly #referencedResults = new Map<string, Reference>();
  readonly #presentEvidence = new Set<string>();
  readonly #presentResults = new Set<string>();
  /** One string per evidence directory, shared by all references into it. */
  readonly #directories = new Map<string, string>();

  constructor(root: string) {
    this.#root = root;
  }

  async root(): Promise<void> {
    const expected: Record<string, 'file' | 'dir'> = {
      [MANIFEST_FILE]: 'file',
      [GITIGNORE_FILE]: 'file',
      [EVIDENCE_DIR]: 'dir',
      [RESULTS_DIR]: 'dir',
      [RUNS_DIR]: 'dir',
      [BLOBS_DIR]: 'dir',
    };
    await this.#eachEntry('', (entry) => {
      if (IGNORED_ROOT_ENTRIES.has(entry.name)) return;
      const kind = expected[entry.name];
      const fits = kind === 'file' ? entry.isFile() : kind === 'dir' ? entry.isDirectory() : false;
      if (!fits) this.#unexpected(entry.name, entry.isDirectory());
    });
  }

  async runs(): Promise<void> {
    const seqs: number[] = [];
    await this.#eachEntry(RUNS_DIR, (entry) => {
      const seq = entry.isFile() ? seqOfRunFile(entry.name) : undefined;
      if (seq === undefined) this.#unexpected(`${RUNS_DIR}/${entry.name}`, entry.isDirectory());
      else seqs.push(seq);
    });
    seqs.sort((a, b) => a - b);
    this.runCount = seqs.length;
    let previous: { seq: number; id: ContentId } | undefined;
    for (const seq of seqs) {
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (seq > expectedSeq) {
        const range =
          seq - 1 === expectedSeq ? `run ${expectedSeq} is` : `runs ${expectedSeq} to ${seq - 1} are`;
        this.#problem('missing', runPath(expectedSeq), `${range} absent: the ledger jumps to run ${seq}`);
      }
      const id = await this.#checkRun(seq, seq === expectedSeq ? previous : undefined);
      previous = id === undefined ? undefined : { seq, id };
    }
  }

  async results(): Promise<void> {
    const pool = new TaskPool(READ_AHEAD);
    await this.#eachEntry(RESULTS_DIR, async (entry) => {
      const path = `${RESULTS_DIR}/${entry.name}`;
      const hex = entry.isFile() ? OBJECT_FILE.exec(entry.name)?.[1] : undefined;
      if (hex === undefined) return this.#unexpected(path, entry.isDirectory());
      this.#presentResults.add(hex);
      await pool.add(async () => {
        const document = await this.#checkObject(
          path,
          hex,
          resultsDocumentSchema,
          'an annexa.results/v1 document',
        );
        for (const result of document?.results ?? []) {
          for (const id of result.evidence) this.#reference(this.#referencedEvidence, id, path, undefined);
        }
      });
    });
    await pool.drain();
  }

  async evidence(): Promise<void> {
    const pool = new TaskPool(READ_AHEAD);
    await this.#eachEntry(EVIDENCE_DIR, async (instance) => {
      const instancePath = `${EVIDENCE_DIR}/${instance.name}`;
      if (!instance.isDirectory()) return this.#unexpected(instancePath, false);
      await this.#eachEntry(instancePath, async (collector) => {
        const collectorPath = `${instancePath}/${collector.name}`;
        if (!collector.isDirectory()) return this.#unexpected(collectorPath, false);
        await this.#eachEntry(collectorPath, async (file) => {
          const path = `${collectorPath}/${file.name}`;
          const hex = file.isFile() ? OBJECT_FILE.exec(file.name)?.[1] : undefined;
          if (hex === undefined) return this.#unexpected(path, file.isDirectory());
          this.#presentEvidence.add(hex);
          // By hash alone: bytes that still hash to their name are, byte for byte, the record putEvidence
          // validated and wrote. Parsing every record again cost 90% of verify's time and proved nothing more.
          await pool.add(() => this.#checkHash(path, hex));
        });
      });
    });
    await pool.drain();
  }

  /** Blobs hold raw bytes: the only check is that they still hash to their name. */
  async blobs(): Promise<void> {
    const pool = new TaskPool(READ_AHEAD);
    await this.#eachEntry(BLOBS_DIR, async (entry) => {
      const path = `${BLOBS_DIR}/${entry.name}`;
      const hex = entry.isFile() ? BLOB_FILE.exec(entry.name)?.[1] : undefined;
      if (hex === undefined) return this.#unexpected(path, entry.isDirectory());
      await pool.add(() => this.#checkHash(path, hex));
    });
    await pool.drain();
  }

  missingObjects(): void {
    for (const [hex, reference] of this.#referencedEvidence) {
      if (this.#presentEvidence.has(hex)) continue;
      const path = reference.path ?? `${EVIDENCE_DIR}/*/*/${hex}.json`;
      this.#problem(
        'missing',
        path,
        `evidence sha256:${hex}, referenced by ${reference.referrer}, is absent`,
      );
    }
    for (const [hex, reference] of this.#referencedResults) {
      if (this.#presentResults.has(hex)) continue;
      const path = `${RESULTS_DIR}/${hex}.json`;
      this.#problem(
        'missing',
        path,
        `results sha256:${hex}, referenced by ${reference.referrer}, are absent`,
      );
    }
  }

  /** Checks one run file and its link to the run before; returns its id (the hash of its bytes). */
  async #checkRun(
    seq: number,
    previous: { seq: number; id: ContentId } | undefined,
  ): Promise<ContentId | undefined> {
    const path = runPath(seq);
    const bytes = await this.#read(path);
    if (bytes === undefined) return undefined;
    const decoded = decodeRecord(bytes, undefined, runRecordSchema, 'an annexa.run/v1 record');
    if (!decoded.ok) {
      // A run that is no longer canonical was edited by hand: the chain after it breaks too.
      this.#problem(decoded.problem === 'not-canonical' ? 'changed' : 'unreadable', path, decoded.message);
      return sha256Id(bytes);
    }
    const record = decoded.value;
    if (record.seq !== seq) {
      this.#problem('chain-broken', path, `the file says it is run ${record.seq}, its name says run ${seq}`);
    }
    if (seq === 1 && record.prev !== null) {
      this.#problem(
        'chain-broken',
        path,
        `run 1 must start the chain, but it names ${record.prev} before it`,
      );
    } else if (seq > 1 && previous === undefined) {
      this.#problem(
        'chain-broken',
        path,
        `it follows ${record.prev ?? 'nothing'}, which cannot be checked: run ${seq - 1} is absent or unreadable`,
      );
    } else if (previous !== undefined && record.prev !== previous.id) {
      this.#problem(
        'chain-broken',
        path,
        `it follows ${record.prev ?? 'nothing'}, but run ${previous.seq} is ${previous.id}: a run before it was changed or replaced`,
      );
    }
    for (const outcome of record.collections) {
      if (outcome.evidence === undefined) continue;
      const directory = this.#intern(
        `${EVIDENCE_DIR}/${pathSegment(outcome.instance)}/${pathSegment(outcome.collector)}`,
      );
      this.#reference(this.#referencedEvidence, outcome.evidence, path, directory);
    }
    if (record.results !== null) this.#reference(this.#referencedResults, record.results, path, undefined);
    return decoded.id;
  }

  async #checkObject<T>(
    path: string,
    hex: string,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<T | undefined> {
    const bytes = await this.#read(path);
    if (bytes === undefined) return undefined;
    this.objects++;
    const decoded = decodeRecord(bytes, `sha256:${hex}`, schema, what);
    if (decoded.ok) return decoded.value;
    this.#problem(decoded.problem === 'changed' ? 'changed' : 'unreadable', path, decoded.message);
    return undefined;
  }

  /** Content-addressed bytes: the one check is that they still hash to their name. */
  async #checkHash(path: string, hex: string): Promise<void> {
    const bytes = await this.#read(path);
    if (bytes === undefined) return;
    this.objects++;
    const actual = sha256Id(bytes);
    if (actual !== `sha256:${hex}`)
      this.#problem('changed', path, `changed after it was stored: it now hashes to ${actual}`);
  }

  async #read(path: string): Promise<Buffer | undefined> {
    try {
      const bytes = await readFile(join(this.#root, path));
      this.bytes += bytes.length;
      return bytes;
    } catch (error) {
      // Removed while we walked (e.g. a temporary file): nothing to check. Anything else is reported, not thrown.
      if (!isNotFound(error))
        this.#problem('unreadable', path, `cannot be read (${errorCode(error) ?? String(error)})`);
      return undefined;
    }
  }

  #reference(map: Map<string, Reference>, id: string, referrer: string, directory: string | undefined): void {
    const hex = id.slice('sha256:'.length);
    if (!map.has(hex))
      map.set(hex, { referrer, path: directory === undefined ? undefined : `${directory}/${hex}.json` });
  }

  #intern(text: string): string {
    const known = this.#directories.get(text);
    if (known !== undefined) return known;
    this.#directories.set(text, text);
    return text;
  }

  #unexpected(path: string, isDirectory: boolean): void {
    this.#problem('unexpected', isDirectory ? `${path}/` : path, 'not part of the locker layout');
  }

  #problem(kind: LockerProblem['kind'], path: string, message: string): void {
    this.problems.push({ kind, path, message });
  }

  /** Streams a directory's entries (opendir, not readdir: no array of every name). A missing directory is empty. */
  async #eachEntry(
    path: string,
    visit: (entry: { name: string; isFile(): boolean; isDirectory(): boolean }) => void | Promise<void>,
  ): Promise<void> {
    let dir: Dir;
    try {
      dir = await opendir(join(this.#root, path));
    } catch (error) {
      if (!isNotFound(error))
        this.#problem('unreadable', path || '.', `cannot be listed (${errorCode(error) ?? String(error)})`);
      return;
    }
    for await (const entry of dir) await visit(entry);
  }
}
