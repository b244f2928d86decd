import { beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../errors/errors.js';
import { MemoryLocker } from '../locker/memory-locker.js';
import { defineCollector } from '../sdk/collector.js';
import {
  createFailures,
  forge,
  forgeCollectors,
  forgeConfig,
  members,
  memoryLogger,
  repos,
  resetWorld,
  world,
} from './__fixtures__/test-system.js';
import { type CollectProgressEvent, collectEvidence } from './collect-evidence.js';

const at = new Date('2026-03-01T09:00:00.000Z');
const now = () => at;

beforeEach(() => {
  resetWorld();
  world.set('acme', {
    repos: [{ name: 'api', protected: true }],
    members: [{ login: 'ada', twoFactor: true }],
  });
  world.set('beta', { repos: [], members: [] });
});

const run = (overrides: Partial<Parameters<typeof collectEvidence>[0]> = {}) => {
  const logger = memoryLogger();
  const locker = new MemoryLocker();
  const result = collectEvidence({
    instances: [
      { definition: forge, config: forgeConfig('acme') },
      { definition: forge, config: forgeConfig('beta') },
    ],
    collectors: forgeCollectors,
    locker,
    log: logger.log,
    now,
    ...overrides,
  });
  return { result, locker, logger };
};

describe('collectEvidence', () => {
  test('stores one evidence record per instance and collector, with provenance, source, times and controls', async () => {
    const { result, locker } = run();
    const { outcomes, evidence } = await result;
    expect(outcomes.map((o) => [o.instance, o.collector, o.status])).toEqual([
      ['acme', 'forge.repos', 'collected'],
      ['acme', 'forge.members', 'collected'],
      ['beta', 'forge.repos', 'collected'],
      ['beta', 'forge.members', 'collected'],
    ]);
    const acmeRepos = evidence[0];
    expect(acmeRepos?.record).toEqual({
      schema: 'annexa.evidence/v1',
      connector: { instance: 'acme', type: 'forge' },
      collector: { id: 'forge.repos', version: '1' },
      source: 'forge.test/orgs/acme/repos',
      collectedAt: '2026-03-01T09:00:00.000Z',
      expiresAt: '2026-03-02T09:00:00.000Z',
      provenance: { requests: [{ method: 'GET', path: '/orgs/acme/repos', status: 200 }] },
      controls: ['8.4'],
      data: { repos: [{ name: 'api', protected: true }] },
    });
    // Without a collector source, the connector's describe() names what was observed; ttl 1h.
    expect(evidence[1]?.record).toMatchObject({
      source: 'forge.test/orgs/acme',
      expiresAt: '2026-03-01T10:00:00.000Z',
    });
    expect(outcomes[0]).toMatchObject({ evidence: acmeRepos?.id, requests: 1 });
    expect(await locker.getEvidence(acmeRepos?.id ?? 'sha256:')).toEqual(acmeRepos);
  });

  test('never more collectors in flight than the concurrency allows, across instances', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (id: string) =>
      defineCollector({
        id,
        version: '1',
        connector: forge,
        title: id,
        ttl: '1h',
        controls: [],
        schema: z.object({}),
        collect: async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          return {};
        },
      });
    const collectors = ['forge.a', 'forge.b', 'forge.c', 'forge.d', 'forge.e'].map(slow);
    const instances = ['acme', 'beta', 'gamma'].map((name) => ({
      definition: forge,
      config: forgeConfig(name),
    }));
    const { result } = run({ collectors, instances, concurrency: 2 });
    const { outcomes } = await result;
    expect(outcomes).toHaveLength(15);
    expect(outcomes.every((outcome) => outcome.status === 'collected')).toBe(true);
    expect(most).toBe(2);
  });

  test('a failing collector costs no other evidence; forbidden and not-found are not-assessable', async () => {
    world.set('acme', {
      repos: [],
      members: [],
      failures: {
        '/members': new ConnectorError(
          'forbidden',
          'listing members without 2FA needs an organization owner token',
          {
            status: 403,
          },
        ),
      },
    });
    world.set('beta', {
      repos: [],
      members: [],
      failures: {
        '/repos': new ConnectorError('upstream', 'forge answered 502 three times', { status: 502 }),
      },
    });
    const { result, logger } = run({
      instances: [
        ...['acme', 'beta', 'gone'].map((name) => ({ definition: forge, config: forgeConfig(name) })),
      ],
    });
    const { outcomes, evidence } = await result;
    expect(outcomes.map((o) => [o.instance, o.collector, o.status, o.reason])).toEqual([
      ['acme', 'forge.repos', 'collected', undefined],
      [
        'acme',
        'forge.members',
        'not-assessable',
        'listing members without 2FA needs an organization owner token',
      ],
      ['beta', 'forge.repos', 'error', 'forge answered 502 three times'],
      ['beta', 'forge.members', 'collected', undefined],
      ['gone', 'forge.repos', 'not-assessable', 'organization gone does not exist'],
      ['gone', 'forge.members', 'not-assessable', 'organization gone does not exist'],
    ]);
    expect(evidence.map((e) => `${e.record.connector.instance}/${e.record.collector.id}`)).toEqual([
      'acme/forge.repos',
      'beta/forge.members',
    ]);
    // A failed collector's requests are still counted.
    expect(outcomes[1]?.requests).toBe(1);
    const warnings = logger.lines().filter((line) => line.level === 40);
    expect(warnings.map((line) => [line.connector, line.collector])).toEqual(
      expect.arrayContaining([
        ['acme', 'forge.members'],
        ['beta', 'forge.repos'],
        ['gone', 'forge.repos'],
      ]),
    );
  });

  test('an unexpected error is reported in one line, without its stack, naming the collector', async () => {
    const boom = new TypeError(
      "Cannot read properties of undefined (reading 'map')\n    at collect (x.ts:1:1)",
    );
    world.set('acme', { repos: [], members: [], failures: { '/repos': boom } });
    const { result, logger } = run();
    const { outcomes } = await result;
    expect(outcomes[0]).toMatchObject({
      status: 'error',
      reason:
        "unexpected error in collector forge.repos: Cannot read properties of undefined (reading 'map')",
    });
    expect(JSON.stringify(logger.lines())).not.toContain('secret-token-value');
  });

  test('an instance whose connector cannot be created fails only its own collectors', async () => {
    createFailures.set('acme', new ConnectorError('forbidden', 'the token lacks read:org'));
    createFailures.set('beta', new ConnectorError('auth', 'the token was revoked'));
    const instances = ['acme', 'beta', 'gamma'].map((name) => ({
      definition: forge,
      config: forgeConfig(name),
    }));
    world.set('gamma', { repos: [], members: [] });
    const { result } = run({ instances });
    const { outcomes, evidence } = await result;
    expect(outcomes.map((o) => [o.instance, o.status, o.reason])).toEqual([
      ['acme', 'not-assessable', 'the token lacks read:org'],
      ['acme', 'not-assessable', 'the token lacks read:org'],
      ['beta', 'error', 'the token was revoked'],
      ['beta', 'error', 'the token was revoked'],
      ['gamma', 'collected', undefined],
      ['gamma', 'collected', undefined],
    ]);
    expect(evidence).toHaveLength(2);
  });

  test('data that does not match the collector schema is an error naming the collector and the field', async () => {
    const sloppy = defineCollector({
      ...repos,
      id: 'forge.sloppy',
      collect: async () => ({ repos: [{ name: 'api', protected: 'yes' }] }) as never,
    });
    const { result } = run({ collectors: [sloppy, members] });
    const { outcomes } = await result;
    expect(outcomes[0]?.status).toBe('error');
    expect(outcomes[0]?.reason).toMatch(
      /^collector forge\.sloppy returned data that does not match its schema: repos\[0\]\.protected: /,
    );
    expect(outcomes[1]?.status).toBe('collected');
  });

  test('evidence the locker refuses is an error outcome for that collector only', async () => {
    const misdeclared = defineCollector({ ...members, id: 'forge.misdeclared', controls: ['99.1' as '8.5'] });
    const { outcomes } = await run({ collectors: [misdeclared, repos] }).result;
    expect(outcomes[0]?.status).toBe('error');
    expect(outcomes[0]?.reason).toMatch(
      /^could not store the evidence of forge\.misdeclared: .*controls\[0\]: not an Annex A 2022 control id/,
    );
    expect(outcomes[1]?.status).toBe('collected');
  });

  test('a malformed ttl is an error outcome, not a crash', async () => {
    const odd = defineCollector({ ...members, id: 'forge.odd', ttl: 'soon' });
    const { outcomes } = await run({ collectors: [odd] }).result;
    expect(outcomes[0]).toMatchObject({
      status: 'error',
      reason: 'collector forge.odd has an invalid ttl "soon"',
    });
  });

  test('only collectors of the instance type run; progress reports each start and finish', async () => {
    const other = defineCollector({ ...members, id: 'other.thing', connector: { ...forge, type: 'other' } });
    const events: CollectProgressEvent[] = [];
    const { outcomes } = await run({
      collectors: [members, other],
      onProgress: (event) => {
        events.push(event);
        throw new Error('a broken progress bar');
      },
    }).result;
    expect(outcomes.map((o) => o.collector)).toEqual(['forge.members', 'forge.members']);
    expect(events.filter((event) => event.kind === 'started')).toHaveLength(2);
    expect(events.filter((event) => event.kind === 'finished')).toHaveLength(2);
  });

  test('a cancelled run records the collectors that did not run as errors', async () => {
    const controller = new AbortController();
    controller.abort();
    const { outcomes, evidence } = await run({ signal: controller.signal }).result;
    expect(evidence).toEqual([]);
    expect(new Set(outcomes.map((o) => o.reason))).toEqual(new Set(['the run was cancelled before it ran']));
  });

  test('two instances with one name are refused', async () => {
    const instances = [
      { definition: forge, config: forgeConfig('acme') },
      { definition: forge, config: forgeConfig('acme') },
    ];
    await expect(run({ instances }).result).rejects.toThrow('two connector instances are named "acme"');
  });
});
