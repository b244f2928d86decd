import { expect, test } from 'vitest';
import { recordRequest, withProvenance, withProvenanceSettled } from './provenance.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test('requests made by concurrent collectors stay with the collector that made them', async () => {
  const collector = async (name: string, count: number) => {
    for (let i = 0; i < count; i++) {
      await tick();
      recordRequest({ method: 'GET', path: `/${name}/${i}`, status: 200 });
    }
    return name;
  };
  const [a, b] = await Promise.all([
    withProvenance(() => collector('a', 3)),
    withProvenance(() => collector('b', 2)),
  ]);
  expect(a.requests.map((r) => r.path)).toEqual(['/a/0', '/a/1', '/a/2']);
  expect(b.requests.map((r) => r.path)).toEqual(['/b/0', '/b/1']);
});

test('a failing collector keeps the requests it made, and extra fields never reach provenance', async () => {
  const outcome = await withProvenanceSettled(async () => {
    recordRequest({ method: 'GET', path: '/x', status: 403, authorization: 'token secret' } as never);
    throw new Error('forbidden');
  });
  expect(outcome.ok).toBe(false);
  expect(outcome.requests).toEqual([{ method: 'GET', path: '/x', status: 403 }]);
});

test('outside a collector, recording is a no-op', () => {
  expect(() => recordRequest({ method: 'GET', path: '/', status: 200 })).not.toThrow();
});
