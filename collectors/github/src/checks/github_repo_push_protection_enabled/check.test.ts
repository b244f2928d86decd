import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubRepoPushProtectionEnabled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

function evaluate(data: unknown) {
  return evaluateWithEvidence(githubRepoPushProtectionEnabled, {
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
  expect(results[0]?.message).toContain('push protection is disabled');
  expect(results[0]?.message).toContain('Fix:');
});

test('not-assessable when the token cannot see the setting, never a pass', () => {
  const hidden = structuredClone(fail);
  const facts = hidden.repositories[0]?.facts as Record<string, unknown> | undefined;
  if (!facts) throw new Error('fixture has no api facts');
  facts.pushProtection = null;
  expect(evaluate(hidden)[0]?.status).toBe('not-assessable');
});

test('mapped to 8.12, 5.17', () => {
  expect(githubRepoPushProtectionEnabled.controls.map((c) => c.id)).toEqual(['8.12', '5.17']);
  expect(githubRepoPushProtectionEnabled.permissions.length).toBeGreaterThan(0);
});
