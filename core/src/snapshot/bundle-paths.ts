import { createHash } from 'node:crypto';
import type { ContentId } from '../evidence/evidence.js';

/**
 * Where things sit inside a bundle. Evidence and results are grouped by the run that recorded them, so the
 * bundle's sorted path order is ledger order: the writer streams the ledger once per folder and never sorts
 * more than one run's files.
 */
export function runSegment(seq: number): string {
  return String(seq).padStart(8, '0');
}

export function hexOf(id: ContentId): string {
  return id.slice('sha256:'.length);
}

export function evidenceBundlePath(seq: number, instance: string, collector: string, id: ContentId): string {
  return `evidence/${runSegment(seq)}/${safeSegment(instance)}/${safeSegment(collector)}/${hexOf(id)}.json`;
}

/** A manual evidence file, beside the record that attests it. */
export function attachmentBundlePath(evidencePath: string, blob: ContentId, name: string): string {
  return `${evidencePath.slice(0, -'.json'.length)}.files/${hexOf(blob).slice(0, 16)}-${safeSegment(name)}`;
}

export function resultsBundlePath(seq: number, id: ContentId): string {
  return `results/${runSegment(seq)}/${hexOf(id)}.json`;
}

export function runBundlePath(seq: number): string {
  return `runs/${runSegment(seq)}.json`;
}

const SAFE = /^[A-Za-z0-9_.-]$/;

/**
 * A name as one portable path segment a person can read: letters, digits, `_ - .` stay, every other UTF-8
 * byte becomes `%XX` (so does a dot at either end); long names are cut and suffixed with a hash.
 */
export function safeSegment(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  let out = '';
  bytes.forEach((byte, index) => {
    const char = String.fromCharCode(byte);
    const edgeDot = char === '.' && (index === 0 || index === bytes.length - 1);
    out +=
      byte < 0x80 && SAFE.test(char) && !edgeDot
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  if (out === '') return '%00';
  if (out.length <= 80) return out;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return `${out.slice(0, 63).replace(/%[0-9A-F]?$/, '')}~${digest}`;
}

/** Byte order of UTF-8 paths (what `LC_ALL=C sort` does), the order of the file list. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
