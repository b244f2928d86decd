import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MemoryLocker } from '../locker/memory-locker.js';
import { FEBRUARY, sampleLedger } from './__fixtures__/ledger.js';
import { rewriteBundle } from './__fixtures__/rewrite-bundle.js';
import { planLedger } from './ledger-plan.js';
import { generateSigningKeyPair, type SigningKeyPair } from './signing.js';
import { readBody, readTar } from './tar-reader.js';
import { verifySnapshot } from './verify-snapshot.js';
import { writeSnapshot } from './write-snapshot.js';

let dir: string;
let locker: MemoryLocker;
let keys: SigningKeyPair;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'annexa-snapshot-test-'));
  locker = await sampleLedger();
  keys = generateSigningKeyPair();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function build(out: string, sign = true) {
  const plan = await planLedger(locker, FEBRUARY);
  return writeSnapshot({
    locker,
    plan,
    tool: { name: 'annexa', version: '0.1.0' },
    soa: { path: 'soa/soa.yaml', version: '2026.1', sha256: 'a'.repeat(64) },
    extras: [
      { path: 'README.txt', content: () => Buffer.from('how to verify\n') },
      { path: 'soa/soa.yaml', content: () => Buffer.from('organization: Acme\n') },
      { path: 'report/index.html', content: (index) => Buffer.from(`<p>${index.files} evidence files</p>`) },
    ],
    out: join(dir, out),
    ...(sign
      ? {
          signer: {
            privateKey: createPrivateKey(keys.privatePem),
            publicKey: createPublicKey(keys.publicPem),
          },
        }
      : {}),
  });
}

async function readBundle(path: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for await (const entry of readTar(createReadStream(path).pipe(createGunzip()))) {
    files.set(entry.path, await readBody(entry));
  }
  return files;
}

const publicKey = () => createPublicKey(keys.publicPem);

describe('snapshot bundle', () => {
  test('holds the period evidence, the newest before it, the period runs and results, and the manual file', async () => {
    const { manifest } = await build('a.tar.gz');
    const files = await readBundle(join(dir, 'a.tar.gz'));
    const list = [...files.keys()].join('\n');
    const text = [...files.values()].map((bytes) => bytes.toString('utf8')).join('\n');
    // Runs 3 and 4 started in February; run 2 holds the newest evidence before it; runs 1 and 5 are outside.
    expect(manifest.ledger.runs).toMatchObject({ first: 3, last: 4 });
    expect(manifest.ledger.head?.seq).toBe(5);
    expect(list).toContain('annexa-snapshot/runs/00000003.json');
    expect(list).not.toContain('annexa-snapshot/runs/00000002.json');
    expect(list).toMatch(
      /annexa-snapshot\/evidence\/00000002\/acme-github\/github\.members\/[0-9a-f]{64}\.json/,
    );
    expect(list).not.toMatch(/annexa-snapshot\/evidence\/00000001\//);
    expect(list).not.toMatch(/annexa-snapshot\/evidence\/00000005\//);
    expect(list).toMatch(/manual\.attestation\/[0-9a-f]{64}\.files\/[0-9a-f]{16}-access%20review%20Q1\.pdf/);
    expect(text).toContain('Access review Q1 2026, signed by the CISO');
    expect(list).toMatch(/annexa-snapshot\/results\/00000004\/[0-9a-f]{64}\.json/);
    expect(text).toContain('<p>7 evidence files</p>');
    // 2 baseline + 3 + 2 evidence, 1 attachment, 2 results, 2 runs, README, soa, report.
    expect(manifest.files.count).toBe(15);
  });

  test('the same locker and arguments give byte-identical bundles', async () => {
    await build('a.tar.gz');
    await build('b.tar.gz');
    const [a, b] = await Promise.all([readFile(join(dir, 'a.tar.gz')), readFile(join(dir, 'b.tar.gz'))]);
    expect(a.equals(b)).toBe(true);
    expect(a[9]).toBe(0xff);
  });

  test('an untouched signed bundle verifies, with the key given and with the key inside', async () => {
    await build('a.tar.gz');
    const withKey = await verifySnapshot(join(dir, 'a.tar.gz'), { publicKey: publicKey() });
    expect(withKey.problems).toEqual([]);
    expect(withKey).toMatchObject({ ok: true, signature: 'valid', keyFromOutside: true, files: 15, runs: 2 });
    expect(withKey.checkedWith).toBe(keys.fingerprint);
    const inside = await verifySnapshot(join(dir, 'a.tar.gz'));
    expect(inside).toMatchObject({ ok: true, signature: 'valid', keyFromOutside: false });
  });

  test('an unsigned bundle verifies as unsigned, and fails when a key is required', async () => {
    await build('u.tar.gz', false);
    expect(await verifySnapshot(join(dir, 'u.tar.gz'))).toMatchObject({ ok: true, signature: 'unsigned' });
    const withKey = await verifySnapshot(join(dir, 'u.tar.gz'), { publicKey: publicKey() });
    expect(withKey.ok).toBe(false);
    expect(withKey.problems[0]?.message).toMatch(/not signed/);
  });
});

describe('tampering is caught and named', () => {
  const tampered = async (
    edit: (path: string, bytes: Buffer) => Buffer | null,
    add: { path: string; bytes: Buffer }[] = [],
  ) => {
    await build('a.tar.gz');
    await rewriteBundle(join(dir, 'a.tar.gz'), join(dir, 't.tar.gz'), edit, add);
    return verifySnapshot(join(dir, 't.tar.gz'), { publicKey: publicKey() });
  };

  test('one byte changed in an evidence file', async () => {
    let target = '';
    const report = await tampered((path, bytes) => {
      if (target === '' && path.includes('/github.members/')) {
        target = path.slice('annexa-snapshot/'.length);
        const copy = Buffer.from(bytes);
        copy[10] = (copy[10] ?? 0) ^ 1;
        return copy;
      }
      return bytes;
    });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'changed',
        path: target,
        message: expect.stringMatching(/the manifest lists/),
      }),
    ]);
  });

  test('a file removed', async () => {
    const report = await tampered((path, bytes) => (path.endsWith('.pdf') ? null : bytes));
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'missing',
        path: expect.stringMatching(/\.pdf$/),
        message: 'listed in the manifest but not in the bundle',
      }),
    ]);
  });

  test('a file added', async () => {
    const report = await tampered(
      (_path, bytes) => bytes,
      [{ path: 'annexa-snapshot/evidence/00000003/extra.json', bytes: Buffer.from('{}') }],
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'unexpected', path: 'evidence/00000003/extra.json' }),
    ]);
  });

  test('a run removed breaks the chain as well', async () => {
    const report = await tampered((path, bytes) => (path.endsWith('runs/00000004.json') ? null : bytes));
    expect(report.problems.map((p) => p.kind)).toEqual(['missing', 'chain-broken']);
  });

  test('the manifest edited', async () => {
    const report = await tampered((path, bytes) =>
      path.endsWith('manifest.json')
        ? Buffer.from(bytes.toString().replace('2026-02-01', '2026-01-01'))
        : bytes,
    );
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'signature',
        path: 'manifest.json',
        message: expect.stringMatching(/edited after signing/),
      }),
    ]);
  });

  test('the file list edited to match a changed file is caught by the manifest', async () => {
    const report = await tampered((path, bytes) =>
      path.endsWith('files.jsonl') ? Buffer.from(bytes.toString().replace(/"size":\d+/, '"size":1')) : bytes,
    );
    expect(report.problems.map((p) => `${p.kind} ${p.path}`)).toContain('changed files.jsonl');
  });

  test('a wrong key', async () => {
    await build('a.tar.gz');
    const other = generateSigningKeyPair();
    const report = await verifySnapshot(join(dir, 'a.tar.gz'), {
      publicKey: createPublicKey(other.publicPem),
    });
    expect(report.signature).toBe('invalid');
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'signature', message: expect.stringMatching(/wrong key/) }),
    ]);
    expect(report.problems[0]?.message).toContain(keys.fingerprint);
    expect(report.problems[0]?.message).toContain(other.fingerprint);
  });

  test('a file that is not a bundle', async () => {
    await build('a.tar.gz');
    const bytes = await readFile(join(dir, 'a.tar.gz'));
    await writeFile(join(dir, 'cut.tar.gz'), bytes.subarray(0, bytes.byteLength / 2));
    const report = await verifySnapshot(join(dir, 'cut.tar.gz'));
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.kind).toBe('unreadable');
  });
});
