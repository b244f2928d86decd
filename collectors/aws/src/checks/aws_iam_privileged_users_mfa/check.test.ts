import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsIamPrivilegedUsersMfa } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsIamPrivilegedUsersMfa, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every((result) => result.evidence.length === Object.keys(awsIamPrivilegedUsersMfa.inputs).length),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsIamPrivilegedUsersMfa, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain(
    '1 of 2 IAM users of aws/222222222222 with full admin rights have no MFA: deploy.',
  );
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsIamPrivilegedUsersMfa,
    failEveryUnit(awsIamPrivilegedUsersMfa, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsIamPrivilegedUsersMfa.controls.map((control) => [control.id, control.relation])).toEqual([
    ['8.2', 'satisfies'],
    ['8.5', 'supports'],
  ]);
  expect(awsIamPrivilegedUsersMfa.permissions.length).toBeGreaterThan(0);
  for (const permission of awsIamPrivilegedUsersMfa.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});

test('admin rights through an inline "*:*" group policy count; a user missing from the report has no MFA', () => {
  const details = {
    accounts: [
      {
        account: '1',
        data: {
          users: [{ name: 'erin', attachedPolicies: [], inlinePolicies: [], groups: ['ops'] }],
          groups: [{ name: 'ops', attachedPolicies: [], inlinePolicies: [{ name: 'all', fullAdmin: true }] }],
          roles: [],
          fullAdminPolicies: [],
        },
      },
    ],
  };
  const report = {
    accounts: [{ account: '1', data: { generatedTime: '2026-11-27T12:00:00.000Z', rows: [] } }],
  };
  const [result] = evaluateFixture(awsIamPrivilegedUsersMfa, { details, report });
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain('have no MFA: erin');
});
