import { expect, test } from 'vitest';
import { evaluateFixture, failEveryUnit } from '../../testing/evidence-fixture.js';
import { awsS3BucketNotPublic } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

// pass.json and fail.json are the collectors' output against the sandbox's compliant and typical accounts.
test('pass: the compliant account', () => {
  const results = evaluateFixture(awsS3BucketNotPublic, pass);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/111111111111', 'pass']]);
  expect(
    results.every((result) => result.evidence.length === Object.keys(awsS3BucketNotPublic.inputs).length),
  ).toBe(true);
});

test('fail: the typical account, with what is wrong and how to fix it', () => {
  const results = evaluateFixture(awsS3BucketNotPublic, fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([['aws/222222222222', 'fail']]);
  const failed = results.find((result) => result.status === 'fail');
  expect(failed?.message).toContain('public through their policy: acme-public-site.');
  expect(failed?.message).toMatch(/Fix: /);
});

test('an account the role could not read is not-assessable with the reason, never a pass', () => {
  const reason = 'AWS answered AccessDenied (403) to a call: grant the action';
  const results = evaluateFixture(awsS3BucketNotPublic, failEveryUnit(awsS3BucketNotPublic, fail, reason));
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['aws/222222222222', 'not-assessable'],
  ]);
  expect(results[0]?.message).toContain(reason);
});

test('controls and permissions', () => {
  expect(awsS3BucketNotPublic.controls.map((control) => [control.id, control.relation])).toEqual([
    ['8.12', 'supports'],
    ['5.10', 'supports'],
  ]);
  expect(awsS3BucketNotPublic.permissions.length).toBeGreaterThan(0);
  for (const permission of awsS3BucketNotPublic.permissions)
    expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
});

test('a public bucket policy neutralised by RestrictPublicBuckets (account or bucket) passes', () => {
  const restricting = {
    BlockPublicAcls: false,
    IgnorePublicAcls: false,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: true,
  };
  const bucket = {
    name: 'site',
    region: 'eu-west-1',
    encryption: ['AES256'],
    publicAccessBlock: null,
    policyIsPublic: true,
  };
  const accountWide = {
    buckets: { accounts: [{ account: '1', data: { buckets: [bucket], outOfScope: [] } }] },
    account: { accounts: [{ account: '1', data: { publicAccessBlock: restricting } }] },
  };
  expect(evaluateFixture(awsS3BucketNotPublic, accountWide).map((result) => result.status)).toEqual(['pass']);
  const perBucket = {
    buckets: {
      accounts: [
        { account: '1', data: { buckets: [{ ...bucket, publicAccessBlock: restricting }], outOfScope: [] } },
      ],
    },
    account: { accounts: [{ account: '1', data: { publicAccessBlock: null } }] },
  };
  expect(evaluateFixture(awsS3BucketNotPublic, perBucket).map((result) => result.status)).toEqual(['pass']);
  const open = {
    ...perBucket,
    buckets: { accounts: [{ account: '1', data: { buckets: [bucket], outOfScope: [] } }] },
  };
  expect(evaluateFixture(awsS3BucketNotPublic, open).map((result) => result.status)).toEqual(['fail']);
});
