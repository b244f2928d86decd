import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsEc2EbsEncryptionByDefault } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsEc2EbsEncryptionByDefault, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/111111111111/eu-west-1', 'pass'],
    ['aws/111111111111/us-east-1', 'pass'],
  ]);
  expect(
    results.every(
      (result) => result.evidence.length === Object.keys(awsEc2EbsEncryptionByDefault.inputs).length,
    ),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsEc2EbsEncryptionByDefault, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222/eu-west-1', 'pass'],
    ['aws/222222222222/us-east-1', 'fail'],
  ]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('EBS encryption by default is off in aws/222222222222/us-east-1');
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(
    awsEc2EbsEncryptionByDefault,
    failEveryUnit(awsEc2EbsEncryptionByDefault, fail, reason),
  );
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222/eu-west-1', 'not-assessable'],
    ['aws/222222222222/us-east-1', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsEc2EbsEncryptionByDefault.controls.map((control) => [control.id, control.relation])).toEqual([
    ['8.24', 'supports'],
  ]);
  expect(awsEc2EbsEncryptionByDefault.permissions.length).toBeGreaterThan(0);
  for (const permission of awsEc2EbsEncryptionByDefault.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});
