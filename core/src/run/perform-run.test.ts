import { beforeEach, describe, expect, test } from 'vitest';
import { ConnectorError } from '../errors/errors.js';
import type { ContentId } from '../evidence/evidence.js';
import { MemoryLocker } from '../locker/memory-locker.js';
import {
  forge,
  forgeChecks,
  forgeCollectors,
  forgeConfig,
  memoryLogger,
  resetWorld,
  world,
} from './__fixtures__/test-system.js';
import { performRun, type RunOptions } from './perform-run.js';

const soa = { version: '3', id: `sha256:${'cd'.repeat(32)}` } as const;
const tool = { name: 'annexa', version: '0.1.0' };

beforeEach(() => {
  resetWorld();
  world.set('acme', {
    repos: [{ name: 'api', protected: false }],
    members: [{ login: 'ada', twoFactor: true }],
  });
  world.set('beta', {
    repos: [{ name: 'web', protected: true }],
    members: [{ login: 'bob', twoFactor: false }],
  });
});

const options = (locker: MemoryLocker, names: string[], at: string): RunOptions => ({
  instances: names.map((name) => ({ definition: forge, config: forgeConfig(name) })),
  collectors: forgeCollectors,
  checks: forgeChecks,
  locker,
  log: memoryLogger().log,
  now: () => new Date(at),
  soa,
  tool,
});

describe('performRun', () => {
  test('collects, evaluates, stores the results and appends a chained run', async () => {
    const locker = new MemoryLocker();
    const first = await performRun(options(locker, ['acme', 'beta'], '2026-03-01T09:00:00.000Z'));
    expect(first.run.record).toMatchObject({
      schema: 'annexa.run/v1',
      seq: 1,
      prev: null,
      startedAt: '2026-03-01T09:00:00.000Z',
      tool,
      soa,
    });
    expect(first.run.record.collections).toEqual(first.outcomes);
    const stored = await locker.getResults(first.run.record.results as ContentId);
    expect(stored.results).toEqual(first.results);
    expect(first.results.map((r) => [r.check, r.instance, r.status])).toEqual([
      ['forge_admins_protect', 'acme', 'pass'],
      ['forge_admins_protect', 'acme', 'pass'],
      ['forge_admins_protect', 'beta', 'pass'],
      ['forge_admins_protect', 'beta', 'pass'],
      ['forge_members_2fa', 'acme', 'pass'],
      ['forge_members_2fa', 'beta', 'fail'],
      ['forge_repo_protected', 'acme', 'fail'],
      ['forge_repo_protected', 'beta', 'pass'],
    ]);
    const second = await performRun(options(locker, ['acme', 'beta'], '2026-03-02T09:00:00.000Z'));
    expect(second.run.record).toMatchObject({ seq: 2, prev: first.run.id });
    expect((await locker.verify()).ok).toBe(true);
  });

  test('a partial run keeps the other instances evidence from earlier runs', async () => {
    const locker = new MemoryLocker();
    const first = await performRun(options(locker, ['acme', 'beta'], '2026-03-01T09:00:00.000Z'));
    world.set('acme', { repos: [{ name: 'api', protected: true }], members: [] });
    const partial = await performRun(options(locker, ['acme'], '2026-03-01T12:00:00.000Z'));

    expect(partial.outcomes.map((o) => o.instance)).toEqual(['acme', 'acme']);
    const betaEvidence: string[] = first.evidence
      .filter((e) => e.record.connector.instance === 'beta')
      .map((e) => e.id);
    const betaResults = partial.results.filter((r) => r.instance === 'beta');
    expect(betaResults.map((r) => [r.check, r.status])).toEqual([
      ['forge_admins_protect', 'pass'],
      ['forge_admins_protect', 'pass'],
      ['forge_members_2fa', 'fail'],
      ['forge_repo_protected', 'pass'],
    ]);
    expect(betaResults.flatMap((r) => r.evidence).every((id) => betaEvidence.includes(id))).toBe(true);
    // acme was judged on what this run collected.
    expect(
      partial.results.find((r) => r.check === 'forge_repo_protected' && r.instance === 'acme')?.status,
    ).toBe('pass');
  });

  test('a later failure supersedes an earlier success: the check becomes not-assessable with the reason', async () => {
    const locker = new MemoryLocker();
    await performRun(options(locker, ['acme'], '2026-03-01T09:00:00.000Z'));
    world.set('acme', {
      repos: [],
      members: [],
      failures: { '/members': new ConnectorError('forbidden', 'listing members needs an owner token') },
    });
    const later = await performRun(options(locker, ['acme'], '2026-03-01T10:00:00.000Z'));
    expect(later.results.find((r) => r.check === 'forge_members_2fa')).toMatchObject({
      status: 'not-assessable',
      message: 'forge.members was not collected: listing members needs an owner token',
      evidence: [],
    });
  });

  test('a cancelled run appends nothing', async () => {
    const locker = new MemoryLocker();
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    await expect(
      performRun({ ...options(locker, ['acme'], '2026-03-01T09:00:00.000Z'), signal: controller.signal }),
    ).rejects.toThrow('interrupted');
    expect(await locker.headRun()).toBeUndefined();
  });
});
