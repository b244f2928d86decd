import { z } from 'zod';
import { contentIdSchema } from '../evidence/evidence.js';

export const SNAPSHOT_SCHEMA = 'annexa.snapshot/v1';

/** Every file of a bundle lives under this folder, so extracting it never scatters files. */
export const BUNDLE_ROOT = 'annexa-snapshot';
/** Control files: written after the payload, not part of the file list. */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'signer.pub.pem';
export const FILE_LIST = 'files.jsonl';
export const CHECKSUMS_FILE = 'SHA256SUMS';

const timestamp = z.iso.datetime({ precision: 3 });
const hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One line of files.jsonl. */
export const bundleFileSchema = z
  .object({
    path: z.string().min(1).describe('path inside the bundle folder'),
    size: z.number().int().nonnegative(),
    sha256: hex,
  })
  .strict();
export type BundleFile = z.infer<typeof bundleFileSchema>;

export const snapshotManifestSchema = z
  .object({
    schema: z.literal(SNAPSHOT_SCHEMA),
    period: z
      .object({
        from: timestamp.describe('start of the audit period, inclusive'),
        to: timestamp.describe('end of the audit period, exclusive; results and drift are as of this time'),
      })
      .strict(),
    tool: z.object({ name: z.string(), version: z.string() }).strict(),
    soa: z
      .object({
        path: z.string(),
        version: z.string(),
        sha256: hex.describe('of the SoA file bytes, as runs record it'),
      })
      .strict()
      .nullable(),
    ledger: z
      .object({
        head: z
          .object({ seq: z.number().int().positive(), id: contentIdSchema })
          .strict()
          .nullable()
          .describe('the newest run of the locker when the bundle was built'),
        runs: z
          .object({
            first: z.number().int().positive(),
            last: z.number().int().positive(),
            firstPrev: contentIdSchema.nullable().describe('prev of the first run in the bundle'),
            lastId: contentIdSchema,
          })
          .strict()
          .nullable()
          .describe('the runs of the period, a contiguous piece of the chain'),
      })
      .strict(),
    files: z
      .object({
        count: z.number().int().nonnegative(),
        bytes: z.number().int().nonnegative(),
        merkleRoot: contentIdSchema.describe(
          'RFC 6962 tree hash over the files in list order; leaf = SHA-256(0x00 || "<path>\\n<size>\\n<sha256 hex>")',
        ),
        list: z
          .object({ path: z.literal(FILE_LIST), sha256: hex })
          .strict()
          .describe('every file, one JSON object per line, sorted by path'),
        checksums: z
          .object({ path: z.literal(CHECKSUMS_FILE), sha256: hex })
          .strict()
          .describe('the same list in `sha256sum -c` format'),
      })
      .strict(),
    signature: z
      .object({
        algorithm: z.literal('ed25519'),
        keyFingerprint: contentIdSchema.describe('sha256 of the DER (SPKI) public key'),
        file: z.literal(SIGNATURE_FILE),
      })
      .strict()
      .nullable()
      .describe('manifest.sig holds the 64-byte Ed25519 signature of manifest.json as a whole'),
  })
  .strict();
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;
