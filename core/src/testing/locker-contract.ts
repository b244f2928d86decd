import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { canonicalize, contentId, type JsonValue } from '../evidence/canonical-json.js';
import type { ContentId, EvidenceRecord } from '../evidence/evidence.js';
import type { Locker, LockerProblem, StoredRun } from '../locker/locker.js';
import { LockerError } from '../locker/locker-error.js';
import { sampleEvidence, sampleResults, sampleRunDraft } from './fixtures.js';

export interface LockerContractOptions {
  /** How long a second holder waits for the lock before failing with `locked`. */
  lockTimeoutMs: number;
}

/** A locker to test, plus the means to damage its store from outside, as a person or a bug might. */
export interface LockerUnderTest {
  /** A locker on a new, empty store (init is called by the suite). */
  locker: Locker;
  /** Another Locker on the same store, as a second process would open it, with the same options. */
  openSecond(): Promise<Locker>;
  /** Replaces the stored bytes of an evidence record, results document or run (by its id) in place. */
  overwrite(id: ContentId, content: string): Promise<void>;
  /** Deletes the stored evidence record, results document or run with this id. */
  remove(id: ContentId): Promise<void>;
  /** Adds something that is not part of the layout; returns the path verify must report it under. */
  addStray(): Promise<string>;
  /** Removes the store. */
  cleanup(): Promise<void>;
}

/**
 * The behaviour every Locker implementation owes its callers, as a vitest suite. Call it from a test file of
 * the implementation: `lockerContract('fs', async (options) => ({ locker: new FsLocker(dir, options), ... }))`.
 */
export function lockerContract(
  name: string,
  make: (options: LockerContractOptions) => Promise<LockerUnderTest>,
): void {
  describe(`Locker contract: ${name}`, () => {
    let current: LockerUnderTest | undefined;
    const setup = async (options: Partial<LockerContractOptions> = {}) => {
      current = await make({ lockTimeoutMs: 10_000, ...options });
      await current.locker.init();
      return current;
    };
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    describe('objects', () => {
      test('stores evidence under the sha256 of its canonical JSON and reads it back', async () => {
        const { locker } = await setup();
        const record = sampleEvidence(1);
        const stored = await locker.putEvidence(record);
        const expectedHex = createHash('sha256').update(canonicalize(record), 'utf8').digest('hex');
        expect(stored.id).toBe(`sha256:${expectedHex}`);
        expect(stored.record).toEqual(record);
        expect(await locker.getEvidence(stored.id)).toEqual({ id: stored.id, record });
      });

      test('a location hint finds the evidence, and a wrong hint never hides it', async () => {
        const { locker } = await setup();
        const record = sampleEvidence(2);
        const stored = await locker.putEvidence(record);
        const where = { instance: record.connector.instance, collector: record.collector.id };
        expect(await locker.getEvidence(stored.id, where)).toEqual(stored);
        expect(
          await locker.getEvidence(stored.id, { instance: 'elsewhere', collector: 'other.kind' }),
        ).toEqual(stored);
      });

      test('storing the same record again, in any key order, gives the same id and one object', async () => {
        const { locker } = await setup();
        const record = sampleEvidence(2);
        const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as EvidenceRecord;
        const ids = await Promise.all(
          [record, record, reordered].map(async (r) => (await locker.putEvidence(r)).id),
        );
        expect(new Set(ids).size).toBe(1);
        await locker.putEvidence(record);
        const report = await locker.verify();
        expect(report.objects).toBe(1);
        expect(report.ok).toBe(true);
      });

      test('what the caller does to its records after storing them never reaches the locker', async () => {
        const { locker } = await setup();
        const record = sampleEvidence(3);
        const stored = await locker.putEvidence(record);
        record.source = 'changed afterwards';
        stored.record.source = 'changed afterwards too';
        expect((await locker.getEvidence(stored.id)).record).toEqual(sampleEvidence(3));
      });

      test('JSON that is hard to canonicalise round-trips, under the id of its canonical form', async () => {
        const { locker } = await setup();
        for (const data of TRICKY_DATA) {
          const record = sampleEvidence(4, { data });
          const stored = await locker.putEvidence(record);
          expect(stored.id).toBe(contentId(record));
          const read = await locker.getEvidence(stored.id);
          expect(canonicalize(read.record)).toBe(canonicalize(record));
        }
        expect((await locker.verify()).objects).toBe(TRICKY_DATA.length);
      });

      test('results documents round-trip under the same rule', async () => {
        const { locker } = await setup();
        const evidence = await locker.putEvidence(sampleEvidence(5));
        const document = sampleResults([evidence.id]);
        const id = await locker.putResults(document);
        expect(id).toBe(contentId(document));
        expect(await locker.putResults(document)).toBe(id);
        expect(await locker.getResults(id)).toEqual(document);
      });

      test('an unknown or malformed id is `missing`', async () => {
        const { locker } = await setup();
        const unknown: ContentId = `sha256:${'0'.repeat(64)}`;
        await expectLockerError(locker.getEvidence(unknown), 'missing');
        await expectLockerError(locker.getResults(unknown), 'missing');
        await expectLockerError(locker.getEvidence('sha256:../../etc/passwd' as ContentId), 'missing');
      });

      test('an invalid record is refused and nothing is stored', async () => {
        const { locker } = await setup();
        const invalid = { ...sampleEvidence(6), controls: ['99.99'] } as unknown as EvidenceRecord;
        await expect(locker.putEvidence(invalid)).rejects.toThrow();
        const noSchema = { ...sampleResults([]), schema: 'annexa.results/v0' } as never;
        await expect(locker.putResults(noSchema)).rejects.toThrow();
        const report = await locker.verify();
        expect(report.objects).toBe(0);
        expect(report.ok).toBe(true);
      });

      test('a changed object is refused by get and reported by verify', async () => {
        const harness = await setup();
        const { locker } = harness;
        const changed = await locker.putEvidence(sampleEvidence(7));
        const garbled = await locker.putEvidence(sampleEvidence(8));
        const results = await locker.putResults(sampleResults([changed.id]));
        await harness.overwrite(
          changed.id,
          canonicalize({ ...changed.record, source: 'github.com/orgs/other' }),
        );
        await harness.overwrite(garbled.id, '{"schema":"annexa.evid');
        await harness.overwrite(results, canonicalize({ ...sampleResults([changed.id]), results: [] }));

        await expectLockerError(locker.getEvidence(changed.id), 'corrupt');
        await expectLockerError(locker.getEvidence(garbled.id), 'corrupt');
        await expectLockerError(locker.getResults(results), 'corrupt');
        const report = await locker.verify();
        expect(report.ok).toBe(false);
        expect(report.objects).toBe(3);
        expect(problemFor(report.problems, changed.id)?.kind).toBe('changed');
        expect(['changed', 'unreadable']).toContain(problemFor(report.problems, garbled.id)?.kind);
        expect(problemFor(report.problems, results)?.kind).toBe('changed');
      });
    });

    describe('blobs', () => {
      test('stores raw bytes under the sha256 of the bytes, once, and reads them back', async () => {
        const { locker } = await setup();
        const bytes = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
        const id = await locker.putBlob(bytes);
        expect(id).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
        expect(await locker.putBlob(Uint8Array.from(bytes))).toBe(id);
        expect(Buffer.from(await locker.getBlob(id)).equals(Buffer.from(bytes))).toBe(true);
        const empty = await locker.putBlob(new Uint8Array());
        expect((await locker.getBlob(empty)).byteLength).toBe(0);
        const listed = await collect(locker.listBlobs());
        expect(listed.sort((a, b) => a.size - b.size)).toEqual([
          { id: empty, size: 0 },
          { id, size: 512 },
        ]);
        expect(await locker.verify()).toMatchObject({ ok: true, objects: 2, problems: [] });
      });

      test('an unknown or malformed blob id is `missing`', async () => {
        const { locker } = await setup();
        await expectLockerError(locker.getBlob(`sha256:${'0'.repeat(64)}`), 'missing');
        await expectLockerError(locker.getBlob('sha256:../../etc/passwd' as ContentId), 'missing');
      });

      test('a changed blob is refused by getBlob and reported by verify; a removed one is gone', async () => {
        const harness = await setup();
        const changed = await harness.locker.putBlob(Buffer.from('training record, signed'));
        const removed = await harness.locker.putBlob(Buffer.from('policy v1'));
        await harness.overwrite(changed, 'training record, forged');
        await harness.remove(removed);
        await expectLockerError(harness.locker.getBlob(changed), 'corrupt');
        await expectLockerError(harness.locker.getBlob(removed), 'missing');
        const report = await harness.locker.verify();
        expect(report.ok).toBe(false);
        expect(problemFor(report.problems, changed)?.kind).toBe('changed');
        expect((await collect(harness.locker.listBlobs())).map((blob) => blob.id)).toEqual([changed]);
      });
    });

    describe('runs', () => {
      test('an empty locker has no runs and verifies clean', async () => {
        const { locker } = await setup();
        expect(await locker.headRun()).toBeUndefined();
        expect(await collect(locker.listRuns())).toEqual([]);
        expect(await locker.verify()).toEqual({
          ok: true,
          objects: 0,
          runs: 0,
          bytes: expect.any(Number),
          problems: [],
        });
      });

      test('each run gets the next seq and the id of the one before, and lists oldest first', async () => {
        const { locker } = await setup();
        const appended = await appendRuns(locker, 3);
        expect(appended.map((run) => run.record.seq)).toEqual([1, 2, 3]);
        expect(appended.map((run) => run.record.prev)).toEqual([null, appended[0]?.id, appended[1]?.id]);
        for (const run of appended) expect(run.id).toBe(contentId(run.record));
        expect(await collect(locker.listRuns())).toEqual(appended);
        expect(await locker.headRun()).toEqual(appended[2]);
        const report = await locker.verify();
        expect(report).toMatchObject({ ok: true, runs: 3, objects: 9, problems: [] });
      });

      test('an invalid draft is refused and nothing is appended', async () => {
        const { locker } = await setup();
        const draft = { ...sampleRunDraft(), startedAt: 'yesterday' };
        await expect(locker.appendRun(draft)).rejects.toThrow();
        expect(await locker.headRun()).toBeUndefined();
      });

      test('verify reports evidence and results a run refers to that are gone', async () => {
        const harness = await setup();
        const [run] = await appendRuns(harness.locker, 1);
        const evidence = run?.record.collections[0]?.evidence as ContentId;
        const results = run?.record.results as ContentId;
        await harness.remove(evidence);
        await harness.remove(results);
        const report = await harness.locker.verify();
        expect(report.ok).toBe(false);
        expect(problemFor(report.problems, evidence)?.kind).toBe('missing');
        expect(problemFor(report.problems, results)?.kind).toBe('missing');
      });

      test('verify reports a run edited after the fact as a break in the chain', async () => {
        const harness = await setup();
        const [first] = await appendRuns(harness.locker, 2);
        if (!first) throw new Error('no run appended');
        const edited = { ...first.record, tool: { name: 'annexa', version: '9.9.9' } };
        await harness.overwrite(first.id, canonicalize(edited));
        const report = await harness.locker.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.map((problem) => problem.kind)).toContain('chain-broken');
      });

      test('verify reports a deleted run as a break in the chain', async () => {
        const harness = await setup();
        const runs = await appendRuns(harness.locker, 3);
        await harness.remove(runs[1]?.id as ContentId);
        const report = await harness.locker.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.map((problem) => problem.kind)).toContain('chain-broken');
      });

      test('verify reports what is not part of the layout, with every other problem', async () => {
        const harness = await setup();
        const [run] = await appendRuns(harness.locker, 1);
        const evidence = run?.record.collections[0]?.evidence as ContentId;
        const stray = await harness.addStray();
        await harness.remove(evidence);
        const report = await harness.locker.verify();
        expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'unexpected', path: stray }));
        expect(problemFor(report.problems, evidence)?.kind).toBe('missing');
      });
    });

    describe('lock', () => {
      test('a second holder fails with `locked` while the first holds the lock, and gets it afterwards', async () => {
        const harness = await setup({ lockTimeoutMs: 150 });
        const second = await harness.openSecond();
        await harness.locker.withLock(async () => {
          await expectLockerError(
            second.withLock(async () => 'never'),
            'locked',
          );
          await expectLockerError(second.appendRun(sampleRunDraft()), 'locked');
        });
        expect(await second.withLock(async () => 'mine now')).toBe('mine now');
        expect(await harness.locker.headRun()).toBeUndefined();
      });

      test('a waiting holder runs once the first lets go, never alongside it', async () => {
        const harness = await setup({ lockTimeoutMs: 20_000 });
        const second = await harness.openSecond();
        const events: string[] = [];
        let letGo = () => {};
        const mayFinish = new Promise<void>((resolve) => {
          letGo = resolve;
        });
        const first = harness.locker.withLock(async () => {
          events.push('first starts');
          await mayFinish;
          events.push('first ends');
        });
        await until(() => events.includes('first starts'));
        const waiting = second.withLock(async () => {
          events.push('second runs');
        });
        // Give the second holder time to find the lock taken; the order below holds however long that takes.
        await new Promise((resolve) => setTimeout(resolve, 50));
        letGo();
        await Promise.all([first, waiting]);
        expect(events).toEqual(['first starts', 'first ends', 'second runs']);
      });

      test('the lock is released when the holder fails', async () => {
        const harness = await setup({ lockTimeoutMs: 150 });
        const second = await harness.openSecond();
        await expect(
          harness.locker.withLock(async () => {
            throw new Error('collector exploded');
          }),
        ).rejects.toThrow('collector exploded');
        expect(await second.withLock(async () => 'free')).toBe('free');
      });

      test('a holder can append runs while it holds the lock', async () => {
        const { locker } = await setup({ lockTimeoutMs: 150 });
        const runs = await locker.withLock(() => appendRuns(locker, 2));
        expect(runs.map((run) => run.record.seq)).toEqual([1, 2]);
      });

      test('runs appended by two lockers at once on one store form one unbroken chain', async () => {
        const harness = await setup({ lockTimeoutMs: 20_000 });
        const second = await harness.openSecond();
        await Promise.all(
          [harness.locker, second, harness.locker, second, harness.locker, second].map((locker, n) =>
            locker.appendRun(sampleRunDraft([], null, n)),
          ),
        );
        const runs = await collect(harness.locker.listRuns());
        expect(runs.map((run) => run.record.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        runs.forEach((run, index) => {
          expect(run.record.prev).toBe(index === 0 ? null : runs[index - 1]?.id);
        });
        expect((await second.verify()).ok).toBe(true);
      });
    });
  });
}

/** Data whose canonical form differs from naive JSON.stringify: key order, escapes, numbers, non-BMP text. */
const TRICKY_DATA: JsonValue[] = [
  { b: 1, a: 2, '': 3, A: 4, é: 5, '\u{1F600}': 6, 'e\u0301': 7 },
  [1e21, 1e-7, -0, 0.1 + 0.2, 5e-324, 2 ** 53 + 1, -1.5e300],
  'line\nbreak "quoted" \\ back\u0001\u007f\u2028 \ud800 lone surrogate \u{1F4A9}',
  { nested: { deeper: [{ z: null, y: [true, false, []], x: {} }] } },
  null,
  // Legal JSON that JavaScript objects handle specially (zod's record schema drops `__proto__`).
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x"}'),
];

/** Appends `count` runs, each with two pieces of evidence and a results document. */
async function appendRuns(locker: Locker, count: number): Promise<StoredRun[]> {
  const runs: StoredRun[] = [];
  for (let n = 0; n < count; n++) {
    const evidence = [
      await locker.putEvidence(sampleEvidence(100 + n * 2)),
      await locker.putEvidence(
        sampleEvidence(101 + n * 2, { instance: 'acme-aws', collector: 'aws.iam-credential-report' }),
      ),
    ];
    const results = await locker.putResults(
      sampleResults(
        evidence.map((e) => e.id),
        n,
      ),
    );
    runs.push(await locker.appendRun(sampleRunDraft(evidence, results, n)));
  }
  return runs;
}

async function expectLockerError(promise: Promise<unknown>, code: LockerError['code']): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected LockerError ${code}`).toBeInstanceOf(LockerError);
  expect((error as LockerError).code).toBe(code);
}

function problemFor(problems: readonly LockerProblem[], id: ContentId): LockerProblem | undefined {
  return problems.find((problem) => problem.path.includes(id.slice('sha256:'.length)));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
