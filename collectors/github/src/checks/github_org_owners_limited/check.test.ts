import { expect, test } from 'vitest';
import { orgAccess } from '../../collectors/org-access.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubOrgOwnersLimited } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(githubOrgOwnersLimited, { access: evidenceFixture(orgAccess, data) });

test('pass: 2 owners of 6 members, at most 3 allowed, listed by name', () => {
  const [result] = evaluate(pass);
  expect(result?.status).toBe('pass');
  expect(result?.message).toBe(
    'github.com/orgs/acme has 2 owners of 6 members (at most 3 allowed): alice, erin.',
  );
});

test('fail: 4 owners of 8 members is too many, with the owners named', () => {
  const [result] = evaluate(fail);
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain('4 owners of 8 members, more than the 3 allowed');
  expect(result?.message).toContain('alice, erin, gina, hank');
});

test('the share of members raises the limit for a large organisation', () => {
  const owners = Array.from({ length: 30 }, (_, index) => ({ login: `o${index}`, id: index + 1 }));
  expect(evaluate({ ...fail, owners, memberCount: 300 })[0]?.status).toBe('pass');
  expect(evaluate({ ...fail, owners, memberCount: 299 })[0]?.status).toBe('fail');
});

test('mapped to 8.2 (privileged access rights)', () => {
  expect(githubOrgOwnersLimited.controls.map((c) => c.id)).toEqual(['8.2', '5.18']);
});
