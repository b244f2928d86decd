import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsIamNoFullAdminPolicies } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsIamNoFullAdminPolicies, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every(
      (result) => result.evidence.length === Object.keys(awsIamNoFullAdminPolicies.inputs).length,
    ),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsIamNoFullAdminPolicies, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('custom policy power-user-all, user deploy holds full admin directly');
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsIamNoFullAdminPolicies,
    failEveryUnit(awsIamNoFullAdminPolicies, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsIamNoFullAdminPolicies.controls.map((control) => [control.id, control.relation])).toEqual([
    ['8.2', 'satisfies'],
    ['5.15', 'supports'],
  ]);
  expect(awsIamNoFullAdminPolicies.permissions.length).toBeGreaterThan(0);
  for (const permission of awsIamNoFullAdminPolicies.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});
