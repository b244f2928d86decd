import { expect, test } from 'vitest';
import aws from '../../identity/__fixtures__/aws-iam.json' with { type: 'json' };
import { evaluateIdentity } from '../../testing/identity-fixture.js';
import { identityPeopleLeaversWithAccess } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

test('pass: a suspended person without accounts elsewhere is no finding; links by people.yaml and alias hold', () => {
  const { results } = evaluateIdentity(identityPeopleLeaversWithAccess, pass);
  expect(results.map((r) => [r.instance, r.resource, r.status])).toEqual([
    ['cross-system', 'identity', 'pass'],
  ]);
  expect(results[0]?.message).toMatch(/None of the 3 accounts linked to people/);
});

test('fail: suspended, archived and deleted people with GitHub access, each naming both systems', () => {
  const { results, users, people, github } = evaluateIdentity(identityPeopleLeaversWithAccess, fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['github.com/orgs/acme/members/bob', 'fail'],
    ['github.com/orgs/acme/members/dan-x', 'fail'],
    ['github.com/orgs/acme/members/grace', 'fail'],
  ]);
  const [bob, dan, grace] = results;
  expect(bob?.message).toBe(
    'GitHub organization member bob in github.com/orgs/acme (organization owner) belongs to bob@acme.example ' +
      '(linked by people.yaml), who is suspended in workspace/acme.example. Fix: remove the GitHub organization ' +
      'member or, if the person still needs it, reactivate and review them.',
  );
  expect(bob?.evidence.sort()).toEqual([users?.id, people?.id, github?.id].sort());
  expect(dan?.message).toMatch(/belongs to dan@acme\.example .*who is not a user of the identity provider/);
  expect(grace?.message).toMatch(/who is archived in workspace\/acme\.example/);
  expect(bob?.controls).toEqual(['5.18', '6.5', '5.11']);
  expect(bob?.severity).toBe('critical');
});

test('GitHub alone, or Workspace alone: nothing to reconcile, so no result at all', () => {
  expect(evaluateIdentity(identityPeopleLeaversWithAccess, { github: fail.github }).results).toEqual([]);
  expect(
    evaluateIdentity(identityPeopleLeaversWithAccess, { users: fail.users, people: fail.people }).results,
  ).toEqual([]);
});

test('AWS: IAM users of leavers with a password or an active key, linked by user name, email tag or people.yaml ARN', () => {
  const { results, users, people, awsCredentials, awsUsers } = evaluateIdentity(
    identityPeopleLeaversWithAccess,
    { users: fail.users, people: aws.people, awsCredentials: aws.awsCredentials, awsUsers: aws.awsUsers },
  );
  // bob's user in the other account has no password and no active key: no access, no finding.
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['aws/123456789012/users/bob', 'fail'],
    ['aws/123456789012/users/dan.ops', 'fail'],
    ['aws/123456789012/users/g.hopper', 'fail'],
    // The third account's credential report could not be read: said, never a pass.
    ['aws/333333333333', 'not-assessable'],
  ]);
  const [bob, dan, grace, unread] = results;
  expect(unread?.message).toMatch(/IAM users of aws\/333333333333 could not be read \(AccessDenied/);
  expect(unread?.evidence).toEqual([awsCredentials?.id]);
  expect(bob?.message).toBe(
    'AWS IAM user bob in aws/123456789012 (console password, 1 active access key) belongs to bob@acme.example ' +
      '(linked by user name), who is suspended in workspace/acme.example. Fix: remove the AWS IAM user or, if the ' +
      'person still needs it, reactivate and review them.',
  );
  expect(bob?.evidence.sort()).toEqual([awsCredentials?.id, users?.id].sort());
  expect(dan?.message).toMatch(
    /dan@acme\.example \(linked by people\.yaml\), who is not a user of the identity/,
  );
  expect(dan?.evidence.sort()).toEqual([awsCredentials?.id, people?.id].sort());
  expect(grace?.message).toMatch(
    /\(1 active access key\) belongs to grace@acme\.example \(linked by email\)/,
  );
  expect(grace?.evidence.sort()).toEqual([awsCredentials?.id, awsUsers?.id, users?.id].sort());
});
