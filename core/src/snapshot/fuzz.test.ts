import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { InputError } from '../errors/errors.js';
import { FEBRUARY, sampleLedger } from './__fixtures__/ledger.js';
import { planLedger } from './ledger-plan.js';
import { generateSigningKeyPair, loadPrivateKey, loadPublicKey } from './signing.js';
import { verifySnapshot } from './verify-snapshot.js';
import { writeSnapshot } from './write-snapshot.js';

let dir: string;
let good: Buffer;
const keys = generateSigningKeyPair();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'annexa-snapshot-fuzz-'));
  const locker = await sampleLedger();
  await writeSnapshot({
    locker,
    plan: await planLedger(locker, FEBRUARY),
    tool: { name: 'annexa', version: '0.1.0' },
    soa: null,
    extras: [],
    out: join(dir, 'good.tar.gz'),
    signer: { privateKey: createPrivateKey(keys.privatePem), publicKey: createPublicKey(keys.publicPem) },
  });
  good = await readFile(join(dir, 'good.tar.gz'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a damaged or cut bundle never verifies and never throws', async () => {
  await fc.assert(
    fc.asyncProperty(
      // The gzip header's mtime, flags and OS bytes (4-9) carry no content, so damage starts after them.
      fc.integer({ min: 10, max: good.byteLength - 1 }),
      fc.integer({ min: 1, max: 255 }),
      fc.boolean(),
      async (at, xor, cut) => {
        const bad = Buffer.from(cut ? good.subarray(0, at) : good);
        if (!cut) bad[at] = (bad[at] ?? 0) ^ xor;
        const path = join(dir, 'bad.tar.gz');
        await writeFile(path, bad);
        const report = await verifySnapshot(path, { publicKey: createPublicKey(keys.publicPem) });
        expect(report.ok).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
      },
    ),
    { numRuns: 40 },
  );
});

test('key files: any content is a key or an InputError naming the file, never the content', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      for (const load of [loadPrivateKey, loadPublicKey]) {
        try {
          load(text, 'given.pem');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message).toMatch(/^given\.pem: /);
          if (text.length > 3) expect((error as InputError).message).not.toContain(text);
        }
      }
    }),
  );
});
