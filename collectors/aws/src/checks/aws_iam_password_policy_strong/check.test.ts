import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsIamPasswordPolicyStrong } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsIamPasswordPolicyStrong, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every(
      (result) => result.evidence.length === Object.keys(awsIamPasswordPolicyStrong.inputs).length,
    ),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsIamPasswordPolicyStrong, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('has no custom password policy');
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsIamPasswordPolicyStrong,
    failEveryUnit(awsIamPasswordPolicyStrong, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsIamPasswordPolicyStrong.controls.map((control) => [control.id, control.relation])).toEqual([
    ['5.17', 'satisfies'],
  ]);
  expect(awsIamPasswordPolicyStrong.permissions.length).toBeGreaterThan(0);
  for (const permission of awsIamPasswordPolicyStrong.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});

test('a policy that exists but is short or allows reuse fails, naming each gap', () => {
  const weak = {
    accounts: [
      {
        account: '111111111111',
        data: { policy: { MinimumPasswordLength: 12, PasswordReusePrevention: 5 } },
      },
    ],
  };
  const [result] = evaluateFixture(awsIamPasswordPolicyStrong, weak);
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain('minimum length 12 (needs 14); reuse prevention 5 (needs 24)');
});
