import { expect, test } from 'vitest';
import { members2fa } from '../../collectors/members-2fa.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubMembers2faEnabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

function evaluate(data: unknown) {
  const members = evidenceFixture(members2fa, data);
  return { members, results: evaluateWithEvidence(githubMembers2faEnabled, { members }) };
}

test('pass: one result for the organization when every member has 2FA', () => {
  const { members, results } = evaluate(pass);
  expect(results).toEqual([
    {
      resource: 'github.com/orgs/acme',
      status: 'pass',
      message: 'Every member of github.com/orgs/acme has two-factor authentication enabled.',
      evidence: [members.id],
    },
  ]);
});

test('fail: one result per member without 2FA, each naming the member and the evidence', () => {
  const { members, results } = evaluate(fail);
  expect(results.map((result) => [result.resource, result.status])).toEqual([
    ['github.com/orgs/acme/members/bob', 'fail'],
    ['github.com/orgs/acme/members/dave', 'fail'],
    ['github.com/orgs/acme/members/erin', 'fail'],
  ]);
  expect(results.every((result) => result.evidence.length === 1 && result.evidence[0] === members.id)).toBe(
    true,
  );
  expect(results[0]?.message).toMatch(
    /^bob \(id 1002\) is a member of github\.com\/orgs\/acme without two-factor/,
  );
});

test('the resource follows the evidence source (GitHub Enterprise Server)', () => {
  const members = evidenceFixture(members2fa, fail, { source: 'ghe.acme.example/orgs/acme' });
  const [first] = evaluateWithEvidence(githubMembers2faEnabled, { members });
  expect(first?.resource).toBe('ghe.acme.example/orgs/acme/members/bob');
});

test('mapped to 8.5 (satisfies) and 5.17 (supports); a count that disagrees with the list is refused', () => {
  expect(githubMembers2faEnabled.controls.map((c) => [c.id, c.relation])).toEqual([
    ['8.5', 'satisfies'],
    ['5.17', 'supports'],
  ]);
  expect(githubMembers2faEnabled.permissions.join(' ')).toMatch(/Members.*read/);
  expect(() => evidenceFixture(members2fa, { ...fail, count: 2 })).toThrow(/count must equal/);
});
