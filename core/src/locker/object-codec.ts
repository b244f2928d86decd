import { z } from 'zod';
import { AnnexaError } from '../errors/errors.js';
import { summarizeZodIssues } from '../errors/zod-summary.js';
import { canonicalize, sha256Id } from '../evidence/canonical-json.js';
import type { ContentId } from '../evidence/evidence.js';

/** A record ready to be stored: validated, in canonical bytes, with its content address. */
export interface EncodedRecord<T> {
  value: T;
  bytes: Buffer;
  id: ContentId;
}

/**
 * Validates a record the locker is asked to store and turns it into its RFC 8785 bytes. The file holds exactly
 * these bytes, so `sha256sum` of a file equals the id in its name, and the id equals core's `contentId(record)`.
 * The schema checks the JSON that is stored, not the caller's object, and the value handed back is that JSON:
 * zod's output would drop a `__proto__` key (legal in JSON, and in API answers) and so differ from the bytes.
 */
export function encodeRecord<T>(schema: z.ZodType<T>, record: unknown, what: string): EncodedRecord<T> {
  let text: string;
  try {
    text = canonicalize(record);
  } catch (error) {
    throw new AnnexaError('invalid-record', `cannot store ${what}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const json: unknown = JSON.parse(text);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AnnexaError('invalid-record', `${what} is invalid: ${summarizeZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const bytes = Buffer.from(text, 'utf8');
  return { value: json as T, bytes, id: sha256Id(bytes) };
}

export type DecodeProblem = 'changed' | 'unreadable' | 'not-canonical';
export type Decoded<T> =
  | { ok: true; value: T; id: ContentId }
  | { ok: false; problem: DecodeProblem; message: string };

/**
 * Reads stored bytes back: re-hashes them (against `expectedId` when the name carries one), parses them, checks
 * them against the schema, and checks they are still the canonical form the locker wrote. Never throws.
 */
export function decodeRecord<T>(
  bytes: Uint8Array,
  expectedId: ContentId | undefined,
  schema: z.ZodType<T>,
  what: string,
): Decoded<T> {
  const id = sha256Id(bytes);
  if (expectedId !== undefined && id !== expectedId) {
    return { ok: false, problem: 'changed', message: `changed after it was stored: it now hashes to ${id}` };
  }
  const text = Buffer.from(bytes).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'unreadable', message: `not JSON, so not ${what}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problem: 'unreadable', message: `not ${what}: ${z.prettifyError(parsed.error)}` };
  }
  if (!isCanonicalJson(text, json)) {
    return {
      ok: false,
      problem: 'not-canonical',
      message: 'not the canonical JSON (RFC 8785) the locker writes',
    };
  }
  // The parsed JSON, not zod's copy of it: see encodeRecord.
  return { ok: true, value: json as T, id };
}

/**
 * Whether `text` is the RFC 8785 form of `json` (= JSON.parse(text)). Same answer as
 * `canonicalize(json) === text`, about twice as fast on the common case: JSON.stringify already writes numbers
 * and strings the RFC's way, so a text that JSON.stringify reproduces is canonical exactly when every object's
 * keys are in sorted order. Anything else (integer-like keys, which JS reorders) takes the full path.
 */
export function isCanonicalJson(text: string, json: unknown): boolean {
  if (JSON.stringify(json) === text) return keysSorted(json);
  try {
    return canonicalize(json) === text;
  } catch {
    return false;
  }
}

function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
