import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubRepoCodeownersPresent } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

function evaluate(data: unknown) {
  return evaluateWithEvidence(githubRepoCodeownersPresent, {
    repositories: evidenceFixture(repositories, data),
  });
}

test('pass: every in-scope repository passes; the out-of-scope one gives no result', () => {
  expect(evaluate(pass).map((r) => [r.resource, r.status])).toEqual([
    ['github.com/acme/api', 'pass'],
    ['github.com/acme/web', 'pass'],
  ]);
});

test('fail: names the repository and the fix; out of scope never fails', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/acme/api', 'fail']]);
  expect(results[0]?.message).toContain('has no CODEOWNERS file');
  expect(results[0]?.message).toContain('Fix:');
});

test('mapped to 5.2, 8.4', () => {
  expect(githubRepoCodeownersPresent.controls.map((c) => c.id)).toEqual(['5.2', '8.4']);
  expect(githubRepoCodeownersPresent.permissions.length).toBeGreaterThan(0);
});
