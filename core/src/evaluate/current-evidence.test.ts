import { describe, expect, test } from 'vitest';
import { EVIDENCE_SCHEMA, type Evidence } from '../evidence/evidence.js';
import { MemoryLocker } from '../locker/memory-locker.js';
import { currentOf } from '../run/__fixtures__/current.js';
import { members, repos } from '../run/__fixtures__/test-system.js';
import type { CollectionOutcome } from '../run/run-record.js';
import { sampleRunDraft } from '../testing/fixtures.js';
import { currentCollection, loadCurrentEvidence, restrictToInstances } from './current-evidence.js';
import { observeAssets } from './observe-assets.js';

const store = (locker: MemoryLocker, instance: string, collector: string, day: number): Promise<Evidence> =>
  locker.putEvidence({
    schema: EVIDENCE_SCHEMA,
    connector: { instance, type: 'forge' },
    collector: { id: collector, version: '1' },
    source: `forge.test/orgs/${instance}`,
    collectedAt: `2026-03-0${day}T09:00:00.000Z`,
    expiresAt: `2026-03-0${day + 1}T09:00:00.000Z`,
    provenance: { requests: [] },
    controls: [],
    data: { day },
  });

const outcome = (
  instance: string,
  collector: string,
  status: CollectionOutcome['status'],
  extra: Partial<CollectionOutcome> = {},
): CollectionOutcome => ({
  instance,
  connectorType: 'forge',
  collector,
  collectorVersion: '1',
  status,
  requests: 1,
  durationMs: 1,
  ...extra,
});

const appendRun = (locker: MemoryLocker, collections: CollectionOutcome[]) =>
  locker.appendRun({
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: '2026-03-01T09:00:01.000Z',
    tool: { name: 'annexa', version: '0' },
    soa: null,
    collections,
    results: null,
  });

describe('loadCurrentEvidence', () => {
  test('takes the newest outcome per instance and collector over all runs, a later failure included', async () => {
    const locker = new MemoryLocker();
    const old = await store(locker, 'acme', 'forge.repos', 1);
    const oldMembers = await store(locker, 'acme', 'forge.members', 1);
    const newer = await store(locker, 'acme', 'forge.repos', 2);
    const beta = await store(locker, 'beta', 'forge.repos', 1);
    await appendRun(locker, [
      outcome('acme', 'forge.repos', 'collected', { evidence: old.id }),
      outcome('acme', 'forge.members', 'collected', { evidence: oldMembers.id }),
      outcome('beta', 'forge.repos', 'collected', { evidence: beta.id }),
    ]);
    await appendRun(locker, [
      outcome('acme', 'forge.repos', 'collected', { evidence: newer.id }),
      outcome('acme', 'forge.members', 'error', { reason: 'forge answered 502' }),
    ]);

    const current = await loadCurrentEvidence(locker);
    expect([...current.instances.keys()]).toEqual(['acme', 'beta']);
    expect(current.instances.get('acme')?.type).toBe('forge');
    expect(currentCollection(current, 'acme', 'forge.repos')).toMatchObject({ run: 2, evidence: newer });
    const failed = currentCollection(current, 'acme', 'forge.members');
    expect(failed).toMatchObject({ run: 2, outcome: { status: 'error', reason: 'forge answered 502' } });
    expect(failed?.evidence).toBeUndefined();
    expect(currentCollection(current, 'beta', 'forge.repos')).toMatchObject({ run: 1, evidence: beta });
  });

  test('pending outcomes are newer than every stored run', async () => {
    const locker = new MemoryLocker();
    const stored = await store(locker, 'acme', 'forge.repos', 1);
    await appendRun(locker, [outcome('acme', 'forge.repos', 'collected', { evidence: stored.id })]);
    const pending = await store(locker, 'acme', 'forge.repos', 3);
    const current = await loadCurrentEvidence(locker, {
      outcomes: [outcome('acme', 'forge.repos', 'collected', { evidence: pending.id })],
      evidence: [pending],
    });
    expect(currentCollection(current, 'acme', 'forge.repos')).toMatchObject({ run: null, evidence: pending });
  });

  test('evidence the locker can no longer read makes the state an error with the reason, not a crash', async () => {
    const locker = new MemoryLocker();
    const stored = await store(locker, 'acme', 'forge.repos', 1);
    await appendRun(locker, [outcome('acme', 'forge.repos', 'collected', { evidence: stored.id })]);
    locker.files.delete(`evidence/${stored.id.slice(7)}.json`);
    const entry = currentCollection(await loadCurrentEvidence(locker), 'acme', 'forge.repos');
    expect(entry?.evidence).toBeUndefined();
    expect(entry?.outcome.status).toBe('error');
    expect(entry?.outcome.reason).toMatch(
      /^the evidence of forge\.repos could not be read from the locker: /,
    );
  });
});

describe('observeAssets', () => {
  test('runs observesAssets over the current evidence of matching collectors only', () => {
    const current = currentOf([
      { instance: 'acme', collector: 'forge.repos', data: { repos: [{ name: 'a', protected: true }] } },
      { instance: 'beta', collector: 'forge.repos', data: { repos: [] } },
      { instance: 'gamma', collector: 'forge.repos', status: 'error', reason: 'down' },
      {
        instance: 'cloud',
        type: 'cloud',
        collector: 'forge.repos',
        data: { repos: [{ name: 'x', protected: true }] },
      },
    ]);
    const observed = observeAssets(current, [repos, members]);
    expect(observed).toEqual([
      {
        controls: ['8.4'],
        reason: '1 repositories exist',
        instance: 'acme',
        collector: 'forge.repos',
        evidence: currentCollection(current, 'acme', 'forge.repos')?.evidence?.id,
      },
    ]);
  });

  test('a collector whose observesAssets throws observes nothing', () => {
    const current = currentOf([{ instance: 'acme', collector: 'forge.repos', data: { unexpected: true } }]);
    expect(observeAssets(current, [repos])).toEqual([]);
  });
});

test('restrictToInstances keeps only the configured instances', async () => {
  const locker = new MemoryLocker();
  const kept = await store(locker, 'kept', 'forge.repos', 1);
  const removed = await store(locker, 'removed', 'forge.repos', 1);
  await locker.appendRun(sampleRunDraft([kept, removed]));
  const current = await loadCurrentEvidence(locker);
  expect([...current.instances.keys()].sort()).toEqual(['kept', 'removed']);
  expect([...restrictToInstances(current, ['kept']).instances.keys()]).toEqual(['kept']);
});
