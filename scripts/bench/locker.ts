/**
 * Locker throughput: putEvidence and verify on the disk locker, against plain SHA-256 over the same bytes in the
 * same process, so the figures mean something on any machine. Medians of 5 repetitions, each on a fresh locker in
 * a temporary directory that is removed afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize, EVIDENCE_SCHEMA, type EvidenceRecord } from '@annexa/core';
import { FsLocker } from '@annexa/storage-fs';

const REPETITIONS = 5;
const SMALL = { count: 5_000, bytes: 4 * 1024 };
const LARGE = { count: 5, bytes: 1024 * 1024 };

/** Collectors run concurrently, so puts overlap in real runs. */
const CONCURRENT_PUTS = 8;

interface Sample {
  putSmall: number;
  putSmallConcurrent: number;
  putLarge: number;
  verify: number;
  hashSmall: number;
  hashLarge: number;
  hashAll: number;
}

export async function benchLocker(): Promise<string> {
  const small = makeRecords(SMALL.count, SMALL.bytes, 'small');
  const large = makeRecords(LARGE.count, LARGE.bytes, 'large');
  const smallBytes = totalBytes(small);
  const largeBytes = totalBytes(large);
  const samples: Sample[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    samples.push(await measureOnce(small, large));
  }
  const median = (key: keyof Sample) => {
    const sorted = samples.map((sample) => sample[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const rate = (bytes: number, ms: number) => bytes / (1024 * 1024) / (ms / 1000);
  const row = (name: string, bytes: number, locker: keyof Sample, sha256: keyof Sample) =>
    [name, rate(bytes, median(locker)), rate(bytes, median(sha256))] as const;
  const rows = [
    row('putEvidence, 4 KB records', smallBytes, 'putSmall', 'hashSmall'),
    row(`putEvidence, 4 KB, ${CONCURRENT_PUTS} at once`, smallBytes, 'putSmallConcurrent', 'hashSmall'),
    row('putEvidence, 1 MB records', largeBytes, 'putLarge', 'hashLarge'),
    row('verify, whole locker', smallBytes + largeBytes, 'verify', 'hashAll'),
  ];
  const header = `locker (storage/fs): ${SMALL.count.toLocaleString('en')} × ${kb(smallBytes / SMALL.count)} + ${LARGE.count} × ${kb(largeBytes / LARGE.count)} evidence records, median of ${REPETITIONS}`;
  const lines = [
    header,
    `${'operation'.padEnd(28)}${'MB/s'.padStart(10)}${'sha256 MB/s'.padStart(14)}${'locker/sha256'.padStart(16)}`,
    ...rows.map(
      ([name, locker, sha]) =>
        `${name.padEnd(28)}${locker.toFixed(1).padStart(10)}${sha.toFixed(1).padStart(14)}${`${(locker / sha).toFixed(3)}×`.padStart(16)}`,
    ),
  ];
  return lines.join('\n');
}

async function measureOnce(small: EvidenceRecord[], large: EvidenceRecord[]): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-bench-locker-'));
  try {
    const locker = new FsLocker(dir);
    await locker.init();
    const putSmall = await timed(async () => {
      for (const record of small) await locker.putEvidence(record);
    });
    const putLarge = await timed(async () => {
      for (const record of large) await locker.putEvidence(record);
    });
    let verified = 0;
    const verify = await timed(async () => {
      verified = (await new FsLocker(dir).verify()).objects;
    });
    if (verified !== small.length + large.length) throw new Error(`verify saw ${verified} objects`);
    // The baseline hashes the same canonical bytes, one hash per record as the locker does.
    const smallCanonical = small.map((record) => Buffer.from(canonicalize(record)));
    const largeCanonical = large.map((record) => Buffer.from(canonicalize(record)));
    const hashSmall = await timed(async () => hashEach(smallCanonical));
    const hashLarge = await timed(async () => hashEach(largeCanonical));
    const hashAll = await timed(async () => hashEach([...smallCanonical, ...largeCanonical]));
    const putSmallConcurrent = await measureConcurrentPuts(small);
    return { putSmall, putSmallConcurrent, putLarge, verify, hashSmall, hashLarge, hashAll };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureConcurrentPuts(records: EvidenceRecord[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'annexa-bench-locker-'));
  try {
    const locker = new FsLocker(dir);
    await locker.init();
    let next = 0;
    return await timed(async () => {
      const worker = async () => {
        for (let record = records[next++]; record !== undefined; record = records[next++]) {
          await locker.putEvidence(record);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENT_PUTS }, worker));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hashEach(buffers: Buffer[]): void {
  for (const buffer of buffers) createHash('sha256').update(buffer).digest('hex');
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Evidence records of about `bytes` canonical bytes each, shaped like a paged API answer. */
function makeRecords(count: number, bytes: number, kind: string): EvidenceRecord[] {
  const item = (n: number) => ({
    login: `user-${n}`,
    id: 1_000_000 + n,
    site_admin: false,
    two_factor: n % 7 !== 0,
    url: `https://api.github.com/users/user-${n}`,
  });
  const itemBytes = canonicalize(item(0)).length + 1;
  const items = Math.max(1, Math.round((bytes - 450) / itemBytes));
  return Array.from({ length: count }, (_, n) => {
    const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
    return {
      schema: EVIDENCE_SCHEMA,
      connector: { instance: `bench-${kind}`, type: 'github' },
      collector: { id: 'github.org-members', version: '1' },
      source: 'github.com/orgs/acme',
      collectedAt: at,
      expiresAt: at,
      provenance: {
        requests: [{ method: 'GET', path: `/orgs/acme/members?per_page=100&page=${n}`, status: 200 }],
      },
      controls: ['5.15', '8.5'],
      data: { members: Array.from({ length: items }, (_, i) => item(n * items + i)) },
    };
  });
}

function totalBytes(records: EvidenceRecord[]): number {
  return records.reduce((sum, record) => sum + Buffer.byteLength(canonicalize(record)), 0);
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
