import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { canonicalize } from '../evidence/canonical-json.js';
import type { ContentId, EvidenceRecord } from '../evidence/evidence.js';
import type { Locker, StoredRun } from '../locker/locker.js';
import {
  attachmentBundlePath,
  comparePaths,
  evidenceBundlePath,
  resultsBundlePath,
  runBundlePath,
} from './bundle-paths.js';
import { EvidenceIndex } from './evidence-index.js';
import { collectionKey, type LedgerPlan, mayHoldPeriodEvidence, startedIn } from './ledger-plan.js';
import {
  BUNDLE_ROOT,
  CHECKSUMS_FILE,
  FILE_LIST,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  SNAPSHOT_SCHEMA,
  type SnapshotManifest,
} from './manifest.js';
import { MerkleBuilder } from './merkle.js';
import { keyFingerprint, signBytes } from './signing.js';
import { TarWriter } from './tar-writer.js';

/** A file of the bundle that is not read from the ledger; `content` may wait until the evidence has passed. */
export interface ExtraFile {
  path: string;
  content: (index: EvidenceIndex) => Uint8Array | Promise<Uint8Array>;
}

export interface WriteSnapshotInput {
  locker: Locker;
  plan: LedgerPlan;
  tool: { name: string; version: string };
  soa: SnapshotManifest['soa'];
  /** SoA, state, report, README: any path outside evidence/, results/ and runs/. */
  extras: readonly ExtraFile[];
  out: string;
  signer?: { privateKey: KeyObject; publicKey: KeyObject };
}

export interface WriteSnapshotResult {
  manifest: SnapshotManifest;
  bytes: number;
  /** Bytes of payload (before tar and gzip). */
  payloadBytes: number;
}

interface PayloadEntry {
  path: string;
  load: () => Promise<Uint8Array>;
}

/**
 * Writes the bundle: payload files in byte order of their paths, then SHA256SUMS, files.jsonl, manifest.json
 * and, when signing, manifest.sig and signer.pub.pem. Every byte follows from the locker and the arguments.
 * Memory is bounded by one run's files: the file lists are spooled to a temporary folder.
 */
export async function writeSnapshot(input: WriteSnapshotInput): Promise<WriteSnapshotResult> {
  const spool = await mkdtemp(join(tmpdir(), 'annexa-snapshot-'));
  const partial = join(dirname(input.out), `.${Date.now()}-${process.pid}.annexa-snapshot.partial`);
  try {
    const gzip = createGzip({ level: 6 });
    const done = pipeline(gzip, gzipWithoutOs(), createWriteStream(partial));
    const tar = new TarWriter(gzip);
    const list = createWriteStream(join(spool, FILE_LIST));
    const sums = createWriteStream(join(spool, CHECKSUMS_FILE));
    const merkle = new MerkleBuilder();
    const index = new EvidenceIndex();
    let previous = '';
    let payloadBytes = 0;

    for await (const entry of payload(input, index)) {
      if (comparePaths(previous, entry.path) >= 0) throw new Error(`bundle order broken at ${entry.path}`);
      previous = entry.path;
      const content = await entry.load();
      const sha256 = await tar.addFile(`${BUNDLE_ROOT}/${entry.path}`, content);
      const file = { path: entry.path, size: content.byteLength, sha256 };
      merkle.add(file);
      payloadBytes += file.size;
      await writeTo(list, `${canonicalize(file)}\n`);
      await writeTo(sums, `${sha256}  ${entry.path}\n`);
    }
    list.end();
    sums.end();
    await Promise.all([once(list, 'close'), once(sums, 'close')]);

    const listed = await appendSpooled(tar, join(spool, CHECKSUMS_FILE), CHECKSUMS_FILE);
    const listedFiles = await appendSpooled(tar, join(spool, FILE_LIST), FILE_LIST);
    const first = input.plan.runs[0];
    const last = input.plan.runs.at(-1);
    const manifest: SnapshotManifest = {
      schema: SNAPSHOT_SCHEMA,
      period: { from: input.plan.period.from.toISOString(), to: input.plan.period.to.toISOString() },
      tool: input.tool,
      soa: input.soa,
      ledger: {
        head: input.plan.head,
        runs:
          first && last ? { first: first.seq, last: last.seq, firstPrev: first.prev, lastId: last.id } : null,
      },
      files: {
        count: merkle.leaves,
        bytes: payloadBytes,
        merkleRoot: merkle.root(),
        list: { path: FILE_LIST, sha256: listedFiles },
        checksums: { path: CHECKSUMS_FILE, sha256: listed },
      },
      signature: input.signer
        ? {
            algorithm: 'ed25519',
            keyFingerprint: keyFingerprint(input.signer.publicKey),
            file: SIGNATURE_FILE,
          }
        : null,
    };
    // Pretty-printed for people; the signature covers these exact bytes.
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await tar.addFile(`${BUNDLE_ROOT}/${MANIFEST_FILE}`, manifestBytes);
    if (input.signer) {
      await tar.addFile(
        `${BUNDLE_ROOT}/${SIGNATURE_FILE}`,
        signBytes(manifestBytes, input.signer.privateKey),
      );
      const pem = input.signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await tar.addFile(`${BUNDLE_ROOT}/${PUBLIC_KEY_FILE}`, Buffer.from(pem, 'utf8'));
    }
    await tar.finish();
    gzip.end();
    await done;
    await rename(partial, input.out);
    return { manifest, bytes: (await stat(input.out)).size, payloadBytes };
  } finally {
    await rm(partial, { force: true });
    await rm(spool, { recursive: true, force: true });
  }
}

/** Every payload file in path order: the extras merged with the three ledger folders. */
async function* payload(input: WriteSnapshotInput, index: EvidenceIndex): AsyncGenerator<PayloadEntry> {
  const extras = [...input.extras].sort((a, b) => comparePaths(a.path, b.path));
  const folders: [string, () => AsyncGenerator<PayloadEntry>][] = [
    ['evidence/', () => evidenceFiles(input, index)],
    ['results/', () => resultsFiles(input)],
    ['runs/', () => runFiles(input)],
  ];
  let next = 0;
  for (const [prefix, files] of folders) {
    for (; next < extras.length && comparePaths((extras[next] as ExtraFile).path, prefix) < 0; next++) {
      yield extraEntry(extras[next] as ExtraFile, index);
    }
    const clash = extras.find((extra) => extra.path.startsWith(prefix));
    if (clash) throw new Error(`${clash.path}: ${prefix} is written from the ledger`);
    yield* files();
  }
  for (; next < extras.length; next++) yield extraEntry(extras[next] as ExtraFile, index);
}

function extraEntry(extra: ExtraFile, index: EvidenceIndex): PayloadEntry {
  return { path: extra.path, load: async () => extra.content(index) };
}

async function* evidenceFiles(input: WriteSnapshotInput, index: EvidenceIndex): AsyncGenerator<PayloadEntry> {
  const { locker, plan } = input;
  const from = plan.period.from.getTime();
  const to = plan.period.to.getTime();
  for await (const run of locker.listRuns()) {
    const seq = run.record.seq;
    const group = new Map<string, PayloadEntry>();
    const wanted = run.record.collections.filter((outcome) => {
      if (outcome.status !== 'collected' || outcome.evidence === undefined) return false;
      const base = plan.baseline.get(collectionKey(outcome.instance, outcome.collector));
      return (base?.seq === seq && base.id === outcome.evidence) || mayHoldPeriodEvidence(run, plan.period);
    });
    // One run's records are read a few at a time: reads wait on the disk, not on us.
    const records = await mapLimited(wanted, READ_AHEAD, (outcome) =>
      locker.getEvidence(outcome.evidence as ContentId, outcome),
    );
    for (const [i, outcome] of wanted.entries()) {
      const id = outcome.evidence as ContentId;
      const base = plan.baseline.get(collectionKey(outcome.instance, outcome.collector));
      const isBaseline = base?.seq === seq && base.id === id;
      const { record } = records[i] as { record: EvidenceRecord };
      const collected = Date.parse(record.collectedAt);
      if (!isBaseline && (collected < from || collected >= to)) continue;
      const path = evidenceBundlePath(seq, outcome.instance, outcome.collector, id);
      const bytes = Buffer.from(canonicalize(record), 'utf8');
      group.set(path, { path, load: async () => bytes });
      const attachments: string[] = [];
      for (const file of attachedFiles(record)) {
        const attachment = attachmentBundlePath(path, file.blob, file.name);
        attachments.push(attachment);
        group.set(attachment, { path: attachment, load: () => locker.getBlob(file.blob) });
      }
      index.add(record, path, attachments);
    }
    yield* [...group.values()].sort((a, b) => comparePaths(a.path, b.path));
  }
}

/** The files a manual evidence record attests (`data.file.blob`), when the locker keeps them. */
function attachedFiles(record: EvidenceRecord): { blob: ContentId; name: string }[] {
  if (record.connector.type !== 'manual') return [];
  const data = record.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const file = data.file;
  if (file === null || typeof file !== 'object' || Array.isArray(file)) return [];
  const { blob, name } = file;
  if (typeof blob !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(blob)) return [];
  return [{ blob: blob as ContentId, name: typeof name === 'string' ? name : 'file' }];
}

const READ_AHEAD = 16;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function* resultsFiles(input: WriteSnapshotInput): AsyncGenerator<PayloadEntry> {
  for await (const run of periodRuns(input)) {
    const id = run.record.results as ContentId | null;
    if (id === null) continue;
    const path = resultsBundlePath(run.record.seq, id);
    yield { path, load: async () => Buffer.from(canonicalize(await input.locker.getResults(id)), 'utf8') };
  }
}

async function* runFiles(input: WriteSnapshotInput): AsyncGenerator<PayloadEntry> {
  for await (const run of periodRuns(input)) {
    yield {
      path: runBundlePath(run.record.seq),
      load: async () => Buffer.from(canonicalize(run.record), 'utf8'),
    };
  }
}

async function* periodRuns(input: WriteSnapshotInput): AsyncGenerator<StoredRun> {
  for await (const run of input.locker.listRuns()) if (startedIn(run, input.plan.period)) yield run;
}

async function appendSpooled(tar: TarWriter, file: string, name: string): Promise<string> {
  const { size } = await stat(file);
  return tar.addStream(`${BUNDLE_ROOT}/${name}`, size, createReadStream(file));
}

async function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * zlib writes mtime 0 but the OS it runs on into the gzip header (byte 9); 255 ("unknown") makes the bundle
 * the same bytes on every platform.
 */
function gzipWithoutOs(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (seen <= 9 && seen + chunk.byteLength > 9) {
        const copy = Buffer.from(chunk);
        copy[9 - seen] = 0xff;
        seen += chunk.byteLength;
        callback(null, copy);
        return;
      }
      seen += chunk.byteLength;
      callback(null, chunk);
    },
  });
}
