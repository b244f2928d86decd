import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubRepoDefaultBranchProtected } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

function evaluate(data: unknown) {
  const evidence = evidenceFixture(repositories, data);
  return evaluateWithEvidence(githubRepoDefaultBranchProtected, { repositories: evidence });
}

test('pass: classic protection and a ruleset both count; the out-of-scope repository gives no result', () => {
  const results = evaluate(pass);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['github.com/acme/api', 'pass'],
    ['github.com/acme/web', 'pass'],
  ]);
});

test('fail: says what is wrong and how to fix it; out of scope never fails', () => {
  const results = evaluate(fail);
  expect(results.map((r) => r.resource)).toEqual(['github.com/acme/api']);
  expect(results[0]?.status).toBe('fail');
  expect(results[0]?.message).toContain('neither branch protection nor an active ruleset');
  expect(results[0]?.message).toContain('Fix:');
});

test('not-assessable when the token cannot see protection, never a pass', () => {
  const hidden = structuredClone(fail);
  const api = hidden.repositories[0];
  if (!api?.facts) throw new Error('fixture has no api facts');
  (api.facts as { classic: unknown }).classic = 'not-visible';
  const [result] = evaluate(hidden);
  expect(result?.status).toBe('not-assessable');
  expect(result?.message).toContain('administration:read on github.com/acme/api');
});

test('mapped to 8.32, 8.4, 8.9', () => {
  expect(githubRepoDefaultBranchProtected.controls.map((c) => c.id)).toEqual(['8.32', '8.4', '8.9']);
  expect(githubRepoDefaultBranchProtected.permissions.join(' ')).toMatch(/Administration/);
});
