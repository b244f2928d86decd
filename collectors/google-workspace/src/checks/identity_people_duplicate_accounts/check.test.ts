import { expect, test } from 'vitest';
import aws from '../../identity/__fixtures__/aws-iam.json' with { type: 'json' };
import { evaluateIdentity } from '../../testing/identity-fixture.js';
import { identityPeopleDuplicateAccounts } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

test('pass: one GitHub account per person', () => {
  expect(evaluateIdentity(identityPeopleDuplicateAccounts, pass).results.map((r) => r.status)).toEqual([
    'pass',
  ]);
});

test('fail: erin holds two GitHub accounts in one organisation', () => {
  const { results } = evaluateIdentity(identityPeopleDuplicateAccounts, fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['github.com/orgs/acme/people/erin@acme.example', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(
    /^erin@acme\.example holds 2 GitHub organization member accounts in github\.com\/orgs\/acme: erin-codes, erin-old\./,
  );
  expect(identityPeopleDuplicateAccounts.controls.map((c) => c.id)).toEqual(['5.16']);
});

test('AWS: erin holds two IAM users in one account (by name and by mail tag); one per account elsewhere is fine', () => {
  const { results } = evaluateIdentity(identityPeopleDuplicateAccounts, {
    users: fail.users,
    people: aws.people,
    awsCredentials: aws.awsCredentials,
    awsUsers: aws.awsUsers,
  });
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['aws/123456789012/people/erin@acme.example', 'fail'],
    ['aws/333333333333', 'not-assessable'],
  ]);
  expect(results[0]?.message).toMatch(
    /^erin@acme\.example holds 2 AWS IAM user accounts in aws\/123456789012: erin, erin-admin\./,
  );
});
