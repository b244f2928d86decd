import { expect, test } from 'vitest';
import { MemoryStateStore } from '../monitor/state-store.js';
import { recordSnapshot, type SnapshotEntry, snapshotsTaken } from './snapshot-log.js';

const entry = (name: string, takenAt: string): SnapshotEntry => ({
  name,
  takenAt,
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-06-30T00:00:00.000Z',
  merkleRoot: 'ab'.repeat(32),
  files: 12,
  signedBy: null,
});

test('remembers every bundle written and lists those taken in a period, oldest first', async () => {
  const store = new MemoryStateStore();
  await recordSnapshot(store, entry('q3.tar.gz', '2026-09-30T10:00:00.000Z'));
  await recordSnapshot(store, entry('q2.tar.gz', '2026-07-01T10:00:00.000Z'));
  await recordSnapshot(store, entry('q4.tar.gz', '2026-12-31T10:00:00.000Z'));
  const taken = await snapshotsTaken(
    store,
    new Date('2026-07-01T00:00:00Z'),
    new Date('2026-10-01T00:00:00Z'),
  );
  expect(taken.map((snapshot) => snapshot.name)).toEqual(['q2.tar.gz', 'q3.tar.gz']);
});

test('an entry that is not a snapshot record is refused, and the log keeps what it had', async () => {
  const store = new MemoryStateStore();
  await recordSnapshot(store, entry('ok.tar.gz', '2026-07-01T10:00:00.000Z'));
  await expect(recordSnapshot(store, { ...entry('bad.tar.gz', 'yesterday') })).rejects.toThrow();
  const all = await snapshotsTaken(store, new Date(0), new Date('2100-01-01T00:00:00Z'));
  expect(all.map((snapshot) => snapshot.name)).toEqual(['ok.tar.gz']);
});
