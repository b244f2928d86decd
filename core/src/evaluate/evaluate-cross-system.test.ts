import { expect, test } from 'vitest';
import { z } from 'zod';
import { EVIDENCE_SCHEMA, type Evidence, toEvidence } from '../evidence/evidence.js';
import { defineCheck, defineCrossSystemCheck } from '../sdk/check.js';
import { defineCollector } from '../sdk/collector.js';
import { defineConnector } from '../sdk/connector.js';
import { addMs } from '../time/time.js';
import type { CurrentEvidence, CurrentInstance } from './current-evidence.js';
import { evaluateChecks } from './evaluate-checks.js';

const connector = (type: string) =>
  defineConnector({
    type,
    config: z.object({ name: z.string(), type: z.literal(type) }),
    secretKeys: [],
    describe: (config) => `${type}/${config.name}`,
    create: () => ({}),
  });
const people = defineCollector({
  id: 'idp.people',
  version: '1',
  connector: connector('idp'),
  title: 'people',
  ttl: '24h',
  controls: ['5.16'],
  schema: z.object({ names: z.array(z.string()) }),
  collect: async () => ({ names: [] }),
});
const accounts = defineCollector({
  id: 'app.accounts',
  version: '1',
  connector: connector('app'),
  title: 'accounts',
  ttl: '24h',
  controls: ['5.16'],
  schema: z.object({ names: z.array(z.string()) }),
  collect: async () => ({ names: [] }),
});

function evidence(collector: typeof people | typeof accounts, instance: string, names: string[]): Evidence {
  const collectedAt = '2026-11-27T12:00:00.000Z';
  return toEvidence({
    schema: EVIDENCE_SCHEMA,
    connector: { instance, type: collector.connector.type },
    collector: { id: collector.id, version: collector.version },
    source: `${collector.connector.type}/${instance}`,
    collectedAt,
    expiresAt: addMs(collectedAt, 86_400_000),
    provenance: { requests: [] },
    controls: ['5.16'],
    data: { names },
  });
}

function current(
  items: Evidence[],
  failed: { instance: string; type: string; collector: string }[] = [],
): CurrentEvidence {
  const instances = new Map<string, CurrentInstance & { collections: Map<string, unknown> }>();
  const entry = (instance: string, type: string) => {
    const found = instances.get(instance) ?? { type, collections: new Map() };
    instances.set(instance, found);
    return found;
  };
  for (const item of items) {
    const { instance, type } = item.record.connector;
    entry(instance, type).collections.set(item.record.collector.id, {
      outcome: {
        instance,
        connectorType: type,
        collector: item.record.collector.id,
        collectorVersion: '1',
        status: 'collected',
        evidence: item.id,
        requests: 0,
        durationMs: 0,
      },
      evidence: item,
      run: 1,
    });
  }
  for (const { instance, type, collector } of failed) {
    entry(instance, type).collections.set(collector, {
      outcome: {
        instance,
        connectorType: type,
        collector,
        collectorVersion: '1',
        status: 'not-assessable',
        reason: 'forbidden',
        requests: 1,
        durationMs: 0,
      },
      run: 1,
    });
  }
  return { instances: instances as CurrentEvidence['instances'] };
}

/** Accounts of every `app` instance whose name is not a person of any `idp` instance. */
const unknownAccounts = defineCrossSystemCheck({
  id: 'cross_accounts_known',
  title: 'accounts belong to people',
  severity: 'high',
  controls: [{ id: '5.16', relation: 'satisfies', rationale: 'identity management' }],
  permissions: [],
  inputs: { people, accounts },
  evaluate({ people, accounts }) {
    const known = new Set(people.flatMap((e) => e.record.data.names));
    return accounts.flatMap((e) =>
      e.record.data.names
        .filter((name) => !known.has(name))
        .map((name) => ({
          resource: `${e.record.source}/${name}`,
          status: 'fail' as const,
          message: `${name} is nobody`,
          evidence: [e.id],
        })),
    );
  },
});

test('a cross-system check sees every instance of every type at once, and names the exact evidence', () => {
  const idp = evidence(people, 'corp', ['alice', 'bob']);
  const one = evidence(accounts, 'app-one', ['alice', 'mallory']);
  const two = evidence(accounts, 'app-two', ['bob', 'trudy']);
  const results = evaluateChecks({ checks: [unknownAccounts], current: current([idp, one, two]) });
  expect(results.map((r) => [r.instance, r.resource, r.status, r.evidence])).toEqual([
    ['cross-system', 'app/app-one/mallory', 'fail', [one.id]],
    ['cross-system', 'app/app-two/trudy', 'fail', [two.id]],
  ]);
  expect(results[0]?.controls).toEqual(['5.16']);
});

test('an instance that was not collected is not-assessable, and the others are still judged', () => {
  const idp = evidence(people, 'corp', ['alice']);
  const one = evidence(accounts, 'app-one', ['mallory']);
  const results = evaluateChecks({
    checks: [unknownAccounts],
    current: current([idp, one], [{ instance: 'app-two', type: 'app', collector: 'app.accounts' }]),
  });
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['app-two', 'not-assessable'],
    ['app/app-one/mallory', 'fail'],
  ]);
  expect(results[0]?.message).toBe('app.accounts of app-two was not collected: forbidden');
});

test('a cross-system check that names evidence it was not given, or throws, is an error result', () => {
  const idp = evidence(people, 'corp', ['alice']);
  const liar = defineCrossSystemCheck({
    ...unknownAccounts,
    id: 'cross_liar',
    evaluate: () =>
      [{ resource: 'x', status: 'pass', message: 'ok', evidence: [`sha256:${'9'.repeat(64)}`] }] as never,
  });
  const thrower = defineCrossSystemCheck({
    ...unknownAccounts,
    id: 'cross_thrower',
    evaluate: () => {
      throw new Error('boom');
    },
  });
  const results = evaluateChecks({ checks: [liar, thrower], current: current([idp]) });
  expect(results.map((r) => [r.check, r.status])).toEqual([
    ['cross_liar', 'error'],
    ['cross_thrower', 'error'],
  ]);
  expect(results[0]?.message).toMatch(/named evidence it was not given/);
  expect(results[1]?.message).toMatch(/failed: boom/);
  expect(() => liar.evaluate({} as never)).toThrow(/cross-system check/);
});

test('instance checks keep their behaviour beside cross-system ones', () => {
  const perInstance = defineCheck({
    id: 'app_accounts_few',
    title: 'few accounts',
    severity: 'low',
    controls: [{ id: '5.16', relation: 'supports', rationale: 'r' }],
    permissions: [],
    inputs: { accounts },
    evaluate: ({ accounts }) => [
      { resource: accounts.record.source, status: 'pass', message: `${accounts.record.data.names.length}` },
    ],
  });
  const one = evidence(accounts, 'app-one', ['a']);
  const two = evidence(accounts, 'app-two', ['a', 'b']);
  const results = evaluateChecks({ checks: [perInstance], current: current([one, two]) });
  expect(results.map((r) => [r.instance, r.message])).toEqual([
    ['app-one', '1'],
    ['app-two', '2'],
  ]);
});
