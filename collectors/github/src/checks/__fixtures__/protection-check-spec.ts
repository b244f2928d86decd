import type { AnyCheck } from '@annexa/core';
import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';

export interface ProtectionCheckSpec {
  /** The check's pass.json and fail.json (evidence data of github.repositories). */
  pass: unknown;
  fail: unknown;
  /** What the repository protected by a ruleset alone (`web`) gives: not every rule is visible in a ruleset. */
  rulesetOnly: 'pass' | 'not-assessable';
  /** A phrase the failure message must hold: what is wrong. */
  failMessage: string;
  controls: string[];
}

/**
 * The tests every default-branch protection check owes, over its own fixtures: classic protection and rulesets
 * both count, out-of-scope repositories never give a result, failures say how to fix them, and protection the
 * token cannot see is not assessable, never a pass.
 */
export function describeProtectionCheck(check: AnyCheck, spec: ProtectionCheckSpec): void {
  const evaluate = (data: unknown) =>
    evaluateWithEvidence(check, { repositories: evidenceFixture(repositories, data) } as never);

  test('pass: classic protection and a ruleset both count; the out-of-scope repository gives no result', () => {
    expect(evaluate(spec.pass).map((r) => [r.resource, r.status])).toEqual([
      ['github.com/acme/api', 'pass'],
      ['github.com/acme/web', spec.rulesetOnly],
    ]);
  });

  test('fail: says what is wrong and how to fix it; out of scope never fails', () => {
    const results = evaluate(spec.fail);
    expect(results.map((r) => r.resource)).toEqual(['github.com/acme/api']);
    expect(results[0]?.status).toBe('fail');
    expect(results[0]?.message).toContain(spec.failMessage);
    expect(results[0]?.message).toContain('Fix:');
  });

  test('not-assessable when the token cannot see protection, never a pass', () => {
    const hidden = structuredClone(spec.fail) as { repositories: { facts?: { classic: unknown } }[] };
    const api = hidden.repositories[0];
    if (!api?.facts) throw new Error('fixture has no api facts');
    api.facts.classic = 'not-visible';
    const [result] = evaluate(hidden);
    expect(result?.status).toBe('not-assessable');
    expect(result?.message).toContain('administration:read on github.com/acme/api');
  });

  test(`mapped to ${spec.controls.join(', ')}`, () => {
    expect(check.controls.map((c) => c.id)).toEqual(spec.controls);
    expect(check.permissions.join(' ')).toMatch(/Administration/);
  });
}
