import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsIamUnusedCredentialsDisabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsIamUnusedCredentialsDisabled, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every(
      (result) => result.evidence.length === Object.keys(awsIamUnusedCredentialsDisabled.inputs).length,
    ),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsIamUnusedCredentialsDisabled, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('carol (password), carol (key 1)');
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsIamUnusedCredentialsDisabled,
    failEveryUnit(awsIamUnusedCredentialsDisabled, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsIamUnusedCredentialsDisabled.controls.map((control) => [control.id, control.relation])).toEqual([
    ['5.18', 'satisfies'],
    ['5.16', 'supports'],
  ]);
  expect(awsIamUnusedCredentialsDisabled.permissions.length).toBeGreaterThan(0);
  for (const permission of awsIamUnusedCredentialsDisabled.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});

test('a password never used is unused once the user is 90 days old; an inactive key is ignored', () => {
  const row = (user: string, createdDaysAgo: number) => ({
    user,
    arn: `arn:aws:iam::1:user/${user}`,
    createdAt: new Date(Date.parse('2026-11-27T12:00:00.000Z') - createdDaysAgo * 86_400_000).toISOString(),
    passwordEnabled: true,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: true,
    accessKeys: [{ slot: 1, active: false, lastRotated: '2020-01-01T00:00:00.000Z', lastUsed: null }],
  });
  const data = {
    accounts: [
      {
        account: '1',
        data: { generatedTime: '2026-11-27T12:00:00.000Z', rows: [row('new', 10), row('old', 91)] },
      },
    ],
  };
  const [result] = evaluateFixture(awsIamUnusedCredentialsDisabled, data);
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain(
    '1 credentials of aws/1 have not been used for 90 days or more: old (password).',
  );
});
