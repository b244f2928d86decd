import { expect, test } from 'vitest';
import { repositories } from '../../collectors/repositories.js';
import { securityAlerts } from '../../collectors/security-alerts.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubRepoDependabotAlertsWithinSla } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };
import repositoryData from './repositories.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(githubRepoDependabotAlertsWithinSla, {
    alerts: evidenceFixture(securityAlerts, data),
    repositories: evidenceFixture(repositories, repositoryData),
  });

test('pass: one organisation-level result', () => {
  const results = evaluate(pass);
  expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/orgs/acme', 'pass']]);
  expect(results[0]?.message).toContain('2 in-scope repositories');
});

test('fail: one result per in-scope repository; the archived, out-of-scope repository never fails', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([['github.com/acme/api', 'fail']]);
  expect(results[0]?.message).toContain(
    '1 critical/high Dependabot alert open past the SLA (30 days critical, 60 high): #1',
  );
  expect(results[0]?.message).toContain('Fix:');
});

test('not-assessable with the reason when the plan or token lacks the feature, never a pass', () => {
  const [result] = evaluate(notAssessable);
  expect(result?.status).toBe('not-assessable');
  expect(result?.message).toContain('GitHub answered 403');
});
