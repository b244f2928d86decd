import { expect, test } from 'vitest';
import { orgSettings } from '../../collectors/org-settings.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubOrgPublicRepoCreationRestricted } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(githubOrgPublicRepoCreationRestricted, { org: evidenceFixture(orgSettings, data) });

test('pass', () => {
  expect(evaluate(pass).map((r) => [r.resource, r.status])).toEqual([['github.com/orgs/acme', 'pass']]);
});

test('fail, with the setting to change', () => {
  const [result] = evaluate(fail);
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain('any member can create a public repository');
  expect(result?.message).toContain('Fix:');
});

test('not-assessable when the field is hidden from a non-owner token, never a pass', () => {
  const [result] = evaluate(notAssessable);
  expect(result?.status).toBe('not-assessable');
  expect(result?.message).toContain('members_can_create_public_repositories');
});

test('mapped to 8.4, 5.10', () => {
  expect(githubOrgPublicRepoCreationRestricted.controls.map((c) => c.id)).toEqual(['8.4', '5.10']);
});
