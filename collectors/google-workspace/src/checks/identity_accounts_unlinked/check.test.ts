import { expect, test } from 'vitest';
import aws from '../../identity/__fixtures__/aws-iam.json' with { type: 'json' };
import { evaluateIdentity } from '../../testing/identity-fixture.js';
import { identityAccountsUnlinked } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

test('pass: every account linked, the CI bot declared non-person', () => {
  const { results } = evaluateIdentity(identityAccountsUnlinked, pass);
  expect(results.map((r) => r.status)).toEqual(['pass']);
  expect(results[0]?.message).toBe('All 4 accounts are linked to a person or declared non-person.');
});

test('fail: mallory is linked to nobody, named with the GitHub evidence and the people.yaml consulted', () => {
  const { results, people, github } = evaluateIdentity(identityAccountsUnlinked, fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['github.com/orgs/acme/members/mallory', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(
    /^GitHub organization member mallory in github\.com\/orgs\/acme \(member\) is linked to no person.*people\[\]\.github.*nonPerson\.github/,
  );
  expect(results[0]?.evidence.sort()).toEqual([github?.id, people?.id].sort());
});

test('without a people.yaml, GitHub logins have nothing to link them: every member is unknown', () => {
  const { results } = evaluateIdentity(identityAccountsUnlinked, {
    users: pass.users,
    people: { configured: false, file: null, sha256: null, people: [], nonPerson: { github: [], aws: [] } },
    github: pass.github,
  });
  expect(results.filter((r) => r.status === 'fail')).toHaveLength(4);
});

test('AWS: an IAM user with access that no rule links and no nonPerson entry names is unknown', () => {
  const { results, people, awsCredentials } = evaluateIdentity(identityAccountsUnlinked, {
    users: fail.users,
    people: aws.people,
    awsCredentials: aws.awsCredentials,
    awsUsers: aws.awsUsers,
  });
  // svc is declared non-person; old-alice and the other account's bob grant no access.
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['aws/123456789012/users/ci-deploy', 'fail'],
    ['aws/333333333333', 'not-assessable'],
  ]);
  expect(results[0]?.message).toMatch(
    /^AWS IAM user ci-deploy in aws\/123456789012 \(1 active access key\) is linked to no person.*people\[\]\.aws.*nonPerson\.aws/,
  );
  expect(results[0]?.evidence.sort()).toEqual([awsCredentials?.id, people?.id].sort());
});
