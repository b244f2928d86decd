import type { AnyCheck } from '@annexa/core';
import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { securityAlerts } from '../../collectors/security-alerts.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';

export interface AlertCheckSpec {
  /** The check's fixtures: alert data (pass, fail, not-assessable) and the repositories they belong to. */
  pass: unknown;
  fail: unknown;
  notAssessable: unknown;
  repositories: unknown;
  /** What the failure message must say about the open alerts. */
  failMessage: string;
}

/**
 * The tests every open-alert check owes, over its own fixtures: one organisation-level pass, one failure per
 * in-scope repository with the fix, and not-assessable (never a pass) when the plan or token lacks the feature.
 */
export function describeAlertCheck(check: AnyCheck, spec: AlertCheckSpec): void {
  const evaluate = (data: unknown) =>
    evaluateWithEvidence(check, {
      alerts: evidenceFixture(securityAlerts, data),
      repositories: evidenceFixture(repositories, spec.repositories),
    } as never);

  test('pass: one organisation-level result', () => {
    const results = evaluate(spec.pass);
    expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/orgs/acme', 'pass']]);
    expect(results[0]?.message).toContain('2 in-scope repositories');
  });

  test('fail: one result per in-scope repository; the archived, out-of-scope repository never fails', () => {
    const results = evaluate(spec.fail);
    expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/acme/api', 'fail']]);
    expect(results[0]?.message).toContain(spec.failMessage);
    expect(results[0]?.message).toContain('Fix:');
  });

  test('not-assessable with the reason when the plan or token lacks the feature, never a pass', () => {
    const [result] = evaluate(spec.notAssessable);
    expect(result?.status).toBe('not-assessable');
    expect(result?.message).toContain('GitHub answered 403');
  });
}
