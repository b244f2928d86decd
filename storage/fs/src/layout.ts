import { createHash } from 'node:crypto';
import type { ContentId } from '@annexa/core';
import { z } from 'zod';

/**
 * Where each thing lives inside a locker directory. Paths here are relative to the locker root and use `/`,
 * the form verify reports them in; callers join them onto the root.
 *
 *   LOCKER.json                                 what makes a directory a locker
 *   evidence/<instance>/<collector>/<hex>.json  evidence records (file name = sha256 of the bytes)
 *   results/<hex>.json                          annexa.results/v1 documents
 *   runs/<seq, 8 digits or more>.json           annexa.run/v1 records, hash-chained
 *   blobs/<hex>                                 raw bytes (manual evidence files), name = sha256 of the bytes
 *   state/                                      mutable state of the monitor (alerts, action register):
 *                                               outside the content-addressed store, not verified
 *   .lock                                       present while a process holds the lock
 *   .lock.takeover                              present while a process removes a dead holder's lock
 *   .tmp/                                       temporary files, never part of the locker's content
 */
export const MANIFEST_FILE = 'LOCKER.json';
export const LOCKER_SCHEMA = 'annexa.locker/v1';
export const EVIDENCE_DIR = 'evidence';
export const RESULTS_DIR = 'results';
export const RUNS_DIR = 'runs';
export const BLOBS_DIR = 'blobs';
/** Mutable monitor state (`annexa run`): rewritten atomically in place, so verify leaves it alone. */
export const STATE_DIR = 'state';
export const LOCK_FILE = '.lock';
export const TAKEOVER_FILE = '.lock.takeover';
export const TMP_DIR = '.tmp';
/** Written at init so a locker kept in git never commits a lock or a temporary file. */
export const GITIGNORE_FILE = '.gitignore';
export const GITIGNORE_CONTENT = `${LOCK_FILE}\n${TAKEOVER_FILE}\n${TMP_DIR}/\n`;
/** Entries at the root that verify leaves alone: git's own, and the transient ones. */
export const IGNORED_ROOT_ENTRIES: ReadonlySet<string> = new Set([
  LOCK_FILE,
  TAKEOVER_FILE,
  TMP_DIR,
  STATE_DIR,
  '.git',
  '.gitattributes',
]);

export const lockerManifestSchema = z
  .object({
    schema: z.literal(LOCKER_SCHEMA),
    createdAt: z.iso.datetime({ precision: 3 }),
  })
  .strict();
export type LockerManifest = z.infer<typeof lockerManifestSchema>;

export const OBJECT_FILE = /^([0-9a-f]{64})\.json$/;
export const RUN_FILE = /^(\d{8,})\.json$/;
export const BLOB_FILE = /^([0-9a-f]{64})$/;

export function hexOf(id: ContentId): string {
  return id.slice('sha256:'.length);
}

export function evidencePath(instance: string, collector: string, id: ContentId): string {
  return `${EVIDENCE_DIR}/${pathSegment(instance)}/${pathSegment(collector)}/${hexOf(id)}.json`;
}

export function resultsPath(id: ContentId): string {
  return `${RESULTS_DIR}/${hexOf(id)}.json`;
}

export function blobPath(id: ContentId): string {
  return `${BLOBS_DIR}/${hexOf(id)}`;
}

export function runFileName(seq: number): string {
  return `${String(seq).padStart(8, '0')}.json`;
}

export function runPath(seq: number): string {
  return `${RUNS_DIR}/${runFileName(seq)}`;
}

/** The seq a run file name stands for, or undefined when the name is not one runFileName writes. */
export function seqOfRunFile(name: string): number | undefined {
  const match = RUN_FILE.exec(name);
  if (!match?.[1]) return undefined;
  const seq = Number(match[1]);
  // One spelling per seq: `000000001.json` is not run 1, so nobody can slip a second run 1 in beside it.
  return seq >= 1 && Number.isSafeInteger(seq) && runFileName(seq) === name ? seq : undefined;
}

const SAFE_BYTE = /^[A-Za-z0-9_.-]$/;
const MAX_SEGMENT = 120;

/**
 * A connector instance or collector id as one directory name a person can read: letters, digits, `_`, `-`
 * and `.` stay; every other UTF-8 byte becomes `%XX`, and so does a `.` at either end (no `.`, `..`,
 * hidden or Windows-trimmed names). Over-long names are cut and suffixed with a hash of the whole name.
 * The directory only helps people browse: objects are found and checked by their hash, so two names that
 * share a directory (e.g. on a case-insensitive disk) lose nothing.
 */
export function pathSegment(name: string): string {
  let out = '';
  const bytes = Buffer.from(name, 'utf8');
  bytes.forEach((byte, index) => {
    const char = String.fromCharCode(byte);
    const edgeDot = char === '.' && (index === 0 || index === bytes.length - 1);
    out +=
      byte < 0x80 && SAFE_BYTE.test(char) && !edgeDot
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  if (out === '') return '%00';
  if (out.length <= MAX_SEGMENT) return out;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return `${out.slice(0, MAX_SEGMENT - 17).replace(/%[0-9A-F]?$/, '')}~${digest}`;
}
