import { createHash, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { canonicalize } from '../evidence/canonical-json.js';
import { runRecordSchema } from '../run/run-record.js';
import { comparePaths, runSegment } from './bundle-paths.js';
import {
  BUNDLE_ROOT,
  type BundleFile,
  bundleFileSchema,
  CHECKSUMS_FILE,
  FILE_LIST,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type SnapshotManifest,
  snapshotManifestSchema,
} from './manifest.js';
import { MerkleBuilder } from './merkle.js';
import { keyFingerprint, loadPublicKey, verifyBytes } from './signing.js';
import { readTar, TarFormatError } from './tar-reader.js';

export type BundleProblemKind =
  | 'changed'
  | 'missing'
  | 'unexpected'
  | 'manifest'
  | 'signature'
  | 'chain-broken'
  | 'unreadable';

export interface BundleProblem {
  kind: BundleProblemKind;
  /** Path inside the bundle folder. */
  path: string;
  message: string;
}

export interface BundleVerifyReport {
  ok: boolean;
  manifest: SnapshotManifest | null;
  /** valid: checked against the key given (or the key in the bundle when none was given). */
  signature: 'valid' | 'invalid' | 'unsigned';
  /** Fingerprint of the key the signature was checked with. */
  checkedWith: `sha256:${string}` | null;
  /** True when the signature was checked against a key from outside the bundle. */
  keyFromOutside: boolean;
  files: number;
  bytes: number;
  runs: number;
  problems: BundleProblem[];
}

const CONTROL_FILES = new Set([MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE, FILE_LIST, CHECKSUMS_FILE]);
const SMALL_LIMIT = 4 * 1024 * 1024;

/**
 * Re-hashes every file of a bundle against its file list, checks the list against the manifest, the Merkle
 * root, the signature and the run chain, and names every problem. Streaming: the files seen are spooled to a
 * temporary file and walked beside the list, so memory does not grow with the number of files.
 */
export async function verifySnapshot(
  bundle: string,
  options: { publicKey?: KeyObject } = {},
): Promise<BundleVerifyReport> {
  const spool = await mkdtemp(join(tmpdir(), 'annexa-verify-'));
  try {
    return await verifyInto(bundle, spool, options.publicKey);
  } finally {
    await rm(spool, { recursive: true, force: true });
  }
}

async function verifyInto(
  bundle: string,
  spool: string,
  outsideKey: KeyObject | undefined,
): Promise<BundleVerifyReport> {
  const problems: BundleProblem[] = [];
  const seenPath = join(spool, 'seen.jsonl');
  const listPath = join(spool, FILE_LIST);
  const seen = createWriteStream(seenPath);
  const small = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  const chain = new RunChain(problems);
  let previous = '';

  try {
    const chunks = createReadStream(bundle).pipe(createGunzip())[Symbol.asyncIterator]();
    for await (const entry of readTar({ [Symbol.asyncIterator]: () => chunks })) {
      if (!entry.path.startsWith(`${BUNDLE_ROOT}/`)) {
        problems.push({
          kind: 'unexpected',
          path: entry.path,
          message: `outside the ${BUNDLE_ROOT}/ folder`,
        });
        continue;
      }
      const path = entry.path.slice(BUNDLE_ROOT.length + 1);
      if (CONTROL_FILES.has(path)) {
        if (hashes.has(path)) {
          problems.push({ kind: 'unexpected', path, message: 'appears twice in the bundle' });
          continue;
        }
        const hash = createHash('sha256');
        const list = path === FILE_LIST ? createWriteStream(listPath) : undefined;
        const parts: Buffer[] = [];
        let size = 0;
        for await (const part of entry.body) {
          hash.update(part);
          size += part.byteLength;
          if (list && !list.write(part)) await once(list, 'drain');
          if (!list && size <= SMALL_LIMIT && path !== CHECKSUMS_FILE) parts.push(part);
        }
        if (list) {
          list.end();
          await once(list, 'close');
        }
        hashes.set(path, hash.digest('hex'));
        if (parts.length > 0 || entry.size === 0) small.set(path, Buffer.concat(parts));
        continue;
      }
      if (comparePaths(previous, path) >= 0) {
        problems.push({
          kind: 'unexpected',
          path,
          message: 'not in the place the file list gives it (added to the bundle after it was built?)',
        });
        continue;
      }
      previous = path;
      const isRun = /^runs\/\d{8,}\.json$/.test(path);
      const hash = createHash('sha256');
      const parts: Buffer[] = [];
      for await (const part of entry.body) {
        hash.update(part);
        if (isRun) parts.push(part);
      }
      const sha256 = hash.digest('hex');
      if (isRun) chain.add(path, Buffer.concat(parts), sha256);
      if (!seen.write(`${JSON.stringify({ path, size: entry.size, sha256 })}\n`)) await once(seen, 'drain');
    }
    // Read to the end, so a damaged gzip trailer (CRC, length) or data after the archive is not overlooked.
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      if ((next.value as Buffer).some((byte) => byte !== 0)) {
        problems.push({ kind: 'unexpected', path: '.', message: 'data after the end of the archive' });
        break;
      }
    }
  } catch (error) {
    const message =
      error instanceof TarFormatError
        ? error.message
        : `cannot be read as a gzip-compressed tar archive (${error instanceof Error ? error.message : String(error)})`;
    problems.push({ kind: 'unreadable', path: '.', message });
  }
  seen.end();
  await once(seen, 'close');

  const manifest = parseManifest(small.get(MANIFEST_FILE), problems);
  const signature = checkSignature(manifest, small, outsideKey, problems);
  let files = 0;
  let bytes = 0;
  if (manifest) {
    checkListHashes(manifest, hashes, problems);
    if (hashes.has(FILE_LIST)) {
      const walked = await walkList(listPath, seenPath, manifest, hashes.get(CHECKSUMS_FILE), problems);
      files = walked.files;
      bytes = walked.bytes;
    }
    chain.finish(manifest);
  }
  return {
    ok: problems.length === 0,
    manifest,
    ...signature,
    files,
    bytes,
    runs: chain.count,
    problems,
  };
}

function parseManifest(bytes: Buffer | undefined, problems: BundleProblem[]): SnapshotManifest | null {
  if (bytes === undefined) {
    problems.push({
      kind: 'missing',
      path: MANIFEST_FILE,
      message: 'the bundle has no manifest: nothing can be checked',
    });
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push({ kind: 'manifest', path: MANIFEST_FILE, message: 'is not JSON' });
    return null;
  }
  const parsed = snapshotManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    problems.push({
      kind: 'manifest',
      path: MANIFEST_FILE,
      message: `is not an annexa.snapshot/v1 manifest: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`,
    });
    return null;
  }
  return parsed.data;
}

function checkSignature(
  manifest: SnapshotManifest | null,
  small: ReadonlyMap<string, Buffer>,
  outsideKey: KeyObject | undefined,
  problems: BundleProblem[],
): Pick<BundleVerifyReport, 'signature' | 'checkedWith' | 'keyFromOutside'> {
  const keyFromOutside = outsideKey !== undefined;
  const manifestBytes = small.get(MANIFEST_FILE);
  const signatureBytes = small.get(SIGNATURE_FILE);
  if (!manifest?.signature || manifestBytes === undefined) {
    if (manifest && (keyFromOutside || signatureBytes !== undefined)) {
      problems.push({
        kind: 'signature',
        path: MANIFEST_FILE,
        message:
          'the manifest is not signed (no signature section), but a key was given or a signature file is present',
      });
    }
    return { signature: 'unsigned', checkedWith: null, keyFromOutside };
  }
  let key = outsideKey;
  if (key === undefined) {
    const pem = small.get(PUBLIC_KEY_FILE);
    if (pem === undefined) {
      problems.push({
        kind: 'missing',
        path: PUBLIC_KEY_FILE,
        message: 'the bundle is signed but holds no public key; pass --key',
      });
      return { signature: 'invalid', checkedWith: null, keyFromOutside };
    }
    try {
      key = loadPublicKey(pem, PUBLIC_KEY_FILE);
    } catch {
      problems.push({ kind: 'signature', path: PUBLIC_KEY_FILE, message: 'is not an Ed25519 public key' });
      return { signature: 'invalid', checkedWith: null, keyFromOutside };
    }
  }
  const fingerprint = keyFingerprint(key);
  if (fingerprint !== manifest.signature.keyFingerprint) {
    problems.push({
      kind: 'signature',
      path: SIGNATURE_FILE,
      message: `signed with key ${manifest.signature.keyFingerprint}, not with the key given (${fingerprint}): wrong key, or a re-signed bundle`,
    });
    return { signature: 'invalid', checkedWith: fingerprint, keyFromOutside };
  }
  if (signatureBytes === undefined) {
    problems.push({
      kind: 'missing',
      path: SIGNATURE_FILE,
      message: 'the manifest says it is signed, but the signature file is missing',
    });
    return { signature: 'invalid', checkedWith: fingerprint, keyFromOutside };
  }
  if (!verifyBytes(manifestBytes, signatureBytes, key)) {
    problems.push({
      kind: 'signature',
      path: MANIFEST_FILE,
      message: `does not match its Ed25519 signature (key ${fingerprint}): the manifest was edited after signing`,
    });
    return { signature: 'invalid', checkedWith: fingerprint, keyFromOutside };
  }
  return { signature: 'valid', checkedWith: fingerprint, keyFromOutside };
}

function checkListHashes(
  manifest: SnapshotManifest,
  hashes: ReadonlyMap<string, string>,
  problems: BundleProblem[],
): void {
  for (const { path, sha256 } of [manifest.files.list, manifest.files.checksums]) {
    const actual = hashes.get(path);
    if (actual === undefined) {
      problems.push({ kind: 'missing', path, message: 'listed in the manifest but not in the bundle' });
    } else if (actual !== sha256) {
      problems.push({ kind: 'changed', path, message: `sha256 is ${actual}, the manifest says ${sha256}` });
    }
  }
}

/** Walks the file list and the files seen side by side (both in path order) and checks the Merkle root. */
async function walkList(
  listPath: string,
  seenPath: string,
  manifest: SnapshotManifest,
  checksumsHash: string | undefined,
  problems: BundleProblem[],
): Promise<{ files: number; bytes: number }> {
  const listed = lines(listPath)[Symbol.asyncIterator]();
  const seen = lines(seenPath)[Symbol.asyncIterator]();
  const merkle = new MerkleBuilder();
  const sums = createHash('sha256');
  let files = 0;
  let bytes = 0;
  let lineNumber = 0;
  let previous = '';
  const nextListed = async (): Promise<BundleFile | undefined> => {
    for (;;) {
      const next = await listed.next();
      if (next.done) return undefined;
      lineNumber += 1;
      const parsed = parseListLine(next.value);
      if (parsed === undefined || comparePaths(previous, parsed.path) >= 0) {
        problems.push({
          kind: 'manifest',
          path: FILE_LIST,
          message: `line ${lineNumber} is not a file entry in path order`,
        });
        continue;
      }
      previous = parsed.path;
      merkle.add(parsed);
      sums.update(`${parsed.sha256}  ${parsed.path}\n`);
      return parsed;
    }
  };
  const nextSeen = async (): Promise<BundleFile | undefined> => {
    const next = await seen.next();
    return next.done ? undefined : (JSON.parse(next.value) as BundleFile);
  };

  let want = await nextListed();
  let have = await nextSeen();
  while (want !== undefined || have !== undefined) {
    const order = want === undefined ? 1 : have === undefined ? -1 : comparePaths(want.path, have.path);
    if (order < 0 && want) {
      problems.push({
        kind: 'missing',
        path: want.path,
        message: 'listed in the manifest but not in the bundle',
      });
      want = await nextListed();
    } else if (order > 0 && have) {
      problems.push({
        kind: 'unexpected',
        path: have.path,
        message: 'in the bundle but not in the manifest',
      });
      have = await nextSeen();
    } else if (want && have) {
      files += 1;
      bytes += have.size;
      if (want.sha256 !== have.sha256 || want.size !== have.size) {
        problems.push({
          kind: 'changed',
          path: want.path,
          message: `sha256 is ${have.sha256} (${have.size} bytes), the manifest lists ${want.sha256} (${want.size} bytes)`,
        });
      }
      want = await nextListed();
      have = await nextSeen();
    }
  }
  const root = merkle.root();
  if (root !== manifest.files.merkleRoot) {
    problems.push({
      kind: 'manifest',
      path: FILE_LIST,
      message: `Merkle root is ${root}, the manifest says ${manifest.files.merkleRoot}`,
    });
  }
  if (merkle.leaves !== manifest.files.count) {
    problems.push({
      kind: 'manifest',
      path: FILE_LIST,
      message: `lists ${merkle.leaves} files, the manifest says ${manifest.files.count}`,
    });
  }
  if (checksumsHash !== undefined && sums.digest('hex') !== checksumsHash) {
    problems.push({ kind: 'changed', path: CHECKSUMS_FILE, message: `does not say what ${FILE_LIST} says` });
  }
  return { files, bytes };
}

function parseListLine(line: string): BundleFile | undefined {
  try {
    const parsed = bundleFileSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
}

/** The runs inside the bundle: canonical run records, seq + 1 and prev = the id of the one before. */
class RunChain {
  count = 0;
  private first: { seq: number; prev: string | null } | undefined;
  private last: { seq: number; id: string } | undefined;

  constructor(private readonly problems: BundleProblem[]) {}

  add(path: string, bytes: Buffer, sha256: string): void {
    let record: ReturnType<typeof runRecordSchema.parse>;
    try {
      record = runRecordSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch {
      this.problems.push({ kind: 'unreadable', path, message: 'is not an annexa.run/v1 record' });
      return;
    }
    this.count += 1;
    const id = `sha256:${sha256}`;
    if (path !== `runs/${runSegment(record.seq)}.json`) {
      this.problems.push({ kind: 'chain-broken', path, message: `holds run ${record.seq}` });
    }
    if (canonicalize(record) !== bytes.toString('utf8')) {
      this.problems.push({
        kind: 'changed',
        path,
        message: 'is not in canonical form, so its id is not what the next run names',
      });
    }
    if (this.last) {
      if (record.seq !== this.last.seq + 1) {
        this.problems.push({
          kind: 'chain-broken',
          path,
          message: `run ${record.seq} follows run ${this.last.seq}`,
        });
      } else if (record.prev !== this.last.id) {
        this.problems.push({
          kind: 'chain-broken',
          path,
          message: `prev is ${record.prev}, but run ${this.last.seq} is ${this.last.id}`,
        });
      }
    } else {
      this.first = { seq: record.seq, prev: record.prev };
    }
    this.last = { seq: record.seq, id };
  }

  finish(manifest: SnapshotManifest): void {
    const expected = manifest.ledger.runs;
    if (expected === null) {
      if (this.count > 0)
        this.problems.push({
          kind: 'chain-broken',
          path: 'runs/',
          message: 'the manifest lists no runs, the bundle holds some',
        });
      return;
    }
    if (!this.first || !this.last) {
      this.problems.push({
        kind: 'chain-broken',
        path: 'runs/',
        message: `runs ${expected.first}–${expected.last} are missing`,
      });
      return;
    }
    if (this.first.seq !== expected.first || this.first.prev !== expected.firstPrev) {
      this.problems.push({
        kind: 'chain-broken',
        path: 'runs/',
        message: `the first run is ${this.first.seq}, the manifest says ${expected.first}`,
      });
    }
    if (this.last.seq !== expected.last || this.last.id !== expected.lastId) {
      this.problems.push({
        kind: 'chain-broken',
        path: 'runs/',
        message: `the last run is ${this.last.seq} (${this.last.id}), the manifest says ${expected.last} (${expected.lastId})`,
      });
    }
  }
}
