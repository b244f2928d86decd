import { describe, expect, test } from 'vitest';
import { contentId } from '../evidence/canonical-json.js';
import { EVIDENCE_SCHEMA, type EvidenceRecord } from '../evidence/evidence.js';
import { RESULTS_SCHEMA, type ResultsDocument } from '../run/results.js';
import type { RunDraft } from '../run/run-record.js';
import { LockerError } from './locker-error.js';
import { MemoryLocker } from './memory-locker.js';

const record = (data: EvidenceRecord['data'] = { ok: true }): EvidenceRecord => ({
  schema: EVIDENCE_SCHEMA,
  connector: { instance: 'acme', type: 'forge' },
  collector: { id: 'forge.repos', version: '1' },
  source: 'forge.test/orgs/acme',
  collectedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z',
  provenance: { requests: [{ method: 'GET', path: '/orgs/acme/repos', status: 200 }] },
  controls: ['8.4'],
  data,
});

const results: ResultsDocument = {
  schema: RESULTS_SCHEMA,
  evaluatedAt: '2026-01-01T00:00:01.000Z',
  results: [],
};

const draft = (evidence: string | undefined, resultsId: string | null): RunDraft => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:02.000Z',
  tool: { name: 'annexa', version: '0.1.0' },
  soa: null,
  collections: [
    {
      instance: 'acme',
      connectorType: 'forge',
      collector: 'forge.repos',
      collectorVersion: '1',
      status: 'collected',
      ...(evidence ? { evidence } : {}),
      requests: 1,
      durationMs: 3,
    },
  ],
  results: resultsId,
});

describe('MemoryLocker', () => {
  test('evidence is addressed by the hash of its canonical JSON, idempotently, and read back equal', async () => {
    const locker = new MemoryLocker();
    const first = await locker.putEvidence(record());
    const again = await locker.putEvidence(record());
    expect(first.id).toBe(contentId(record()));
    expect(again.id).toBe(first.id);
    expect(locker.files.size).toBe(1);
    expect(await locker.getEvidence(first.id)).toEqual({ id: first.id, record: record() });
  });

  test('a record changed by the caller after storing does not change what is stored', async () => {
    const locker = new MemoryLocker();
    const mutable = record({ list: [1] });
    const stored = await locker.putEvidence(mutable);
    (mutable.data as { list: number[] }).list.push(2);
    expect((await locker.getEvidence(stored.id)).record.data).toEqual({ list: [1] });
  });

  test('missing and changed objects are told apart', async () => {
    const locker = new MemoryLocker();
    const stored = await locker.putEvidence(record());
    await expect(locker.getEvidence(`sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'missing' });
    const [path] = [...locker.files.keys()];
    locker.files.set(path as string, JSON.stringify(record({ ok: false })));
    const error = await locker.getEvidence(stored.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LockerError);
    expect(error).toMatchObject({ code: 'corrupt' });
  });

  test('results round-trip', async () => {
    const locker = new MemoryLocker();
    const id = await locker.putResults(results);
    expect(await locker.getResults(id)).toEqual(results);
  });

  test('runs are chained: seq counts from 1 and prev is the id of the run before', async () => {
    const locker = new MemoryLocker();
    expect(await locker.headRun()).toBeUndefined();
    const one = await locker.appendRun(draft(undefined, null));
    const two = await locker.appendRun(draft(undefined, null));
    expect(one.record).toMatchObject({ schema: 'annexa.run/v1', seq: 1, prev: null });
    expect(two.record).toMatchObject({ seq: 2, prev: one.id });
    expect(two.id).toBe(contentId(two.record));
    const listed = [];
    for await (const run of locker.listRuns()) listed.push(run);
    expect(listed).toEqual([one, two]);
    expect(await locker.headRun()).toEqual(two);
  });

  test('withLock runs one holder at a time, also across lockers sharing the same files', async () => {
    const files = new Map<string, string>();
    const lockers = [new MemoryLocker({ files }), new MemoryLocker({ files })];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((index) =>
        (lockers[index % 2] as MemoryLocker).withLock(async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          order.push(index);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  test('a holder that throws releases the lock', async () => {
    const locker = new MemoryLocker();
    await expect(locker.withLock(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locker.withLock(async () => 'next')).toBe('next');
  });

  test('verify passes on an intact locker and counts what it re-hashed', async () => {
    const locker = new MemoryLocker();
    const evidence = await locker.putEvidence(record());
    const resultsId = await locker.putResults(results);
    await locker.appendRun(draft(evidence.id, resultsId));
    const report = await locker.verify();
    expect(report).toMatchObject({ ok: true, objects: 2, runs: 1, problems: [] });
    expect(report.bytes).toBe(
      [...locker.files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    );
  });

  test('verify reports changed, missing, unexpected and chain-broken', async () => {
    const locker = new MemoryLocker();
    const evidence = await locker.putEvidence(record());
    const resultsId = await locker.putResults(results);
    await locker.appendRun(draft(evidence.id, resultsId));
    await locker.appendRun(draft(undefined, null));
    const evidencePath = `evidence/${evidence.id.slice(7)}.json`;
    locker.files.set(evidencePath, (locker.files.get(evidencePath) ?? '').replace('acme', 'acmf'));
    locker.files.delete(`results/${resultsId.slice(7)}.json`);
    locker.files.set('notes.txt', 'hello');
    const first = JSON.parse(locker.files.get('runs/000001.json') ?? '{}');
    locker.files.set('runs/000001.json', JSON.stringify({ ...first, startedAt: '2025-01-01T00:00:00.000Z' }));

    const report = await locker.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => [problem.kind, problem.path]).sort()).toEqual([
      ['chain-broken', 'runs/000002.json'],
      ['changed', evidencePath],
      ['missing', `results/${resultsId.slice(7)}.json`],
      ['unexpected', 'notes.txt'],
    ]);
  });

  test('an invalid record is refused before anything is stored', async () => {
    const locker = new MemoryLocker();
    await expect(locker.putEvidence({ ...record(), controls: ['9.9' as '8.4'] })).rejects.toThrow();
    expect(locker.files.size).toBe(0);
  });
});
