import { expect, test } from 'vitest';
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
