import type { AnyCheck } from '@annexa/core';
import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';

export interface RepositoryFeatureCheckSpec {
  /** The check's pass.json and fail.json (evidence data of github.repositories). */
  pass: unknown;
  fail: unknown;
  /** A phrase the failure message must hold: what is wrong. */
  failMessage: string;
  controls: string[];
  /** The repository fact the check reads, when the token may be unable to see it (recorded as null). */
  hiddenFact?: string;
}

/**
 * The tests every per-repository feature check owes, over its own fixtures: in-scope repositories pass or fail
 * with the fix, out-of-scope ones never give a result, and a setting the token cannot see is not assessable.
 */
export function describeRepositoryFeatureCheck(check: AnyCheck, spec: RepositoryFeatureCheckSpec): void {
  const evaluate = (data: unknown) =>
    evaluateWithEvidence(check, { repositories: evidenceFixture(repositories, data) } as never);

  test('pass: every in-scope repository passes; the out-of-scope one gives no result', () => {
    expect(evaluate(spec.pass).map((r) => [r.resource, r.status])).toEqual([
      ['github.com/acme/api', 'pass'],
      ['github.com/acme/web', 'pass'],
    ]);
  });

  test('fail: names the repository and the fix; out of scope never fails', () => {
    const results = evaluate(spec.fail);
    expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/acme/api', 'fail']]);
    expect(results[0]?.message).toContain(spec.failMessage);
    expect(results[0]?.message).toContain('Fix:');
  });

  const { hiddenFact } = spec;
  if (hiddenFact !== undefined) {
    test('not-assessable when the token cannot see the setting, never a pass', () => {
      const hidden = structuredClone(spec.fail) as { repositories: { facts?: Record<string, unknown> }[] };
      const facts = hidden.repositories[0]?.facts;
      if (!facts) throw new Error('fixture has no api facts');
      facts[hiddenFact] = null;
      expect(evaluate(hidden)[0]?.status).toBe('not-assessable');
    });
  }

  test(`mapped to ${spec.controls.join(', ')}`, () => {
    expect(check.controls.map((c) => c.id)).toEqual(spec.controls);
    expect(check.permissions.length).toBeGreaterThan(0);
  });
}
