import { expect, test } from 'vitest';
import { orgSettings } from '../../collectors/org-settings.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubOrgDefaultPermissionRestricted } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(githubOrgDefaultPermissionRestricted, { org: evidenceFixture(orgSettings, data) });

test('pass', () => {
  expect(evaluate(pass).map((r) => [r.resource, r.status])).toEqual([['github.com/orgs/acme', 'pass']]);
});

test('fail, with the setting to change', () => {
  const [result] = evaluate(fail);
  expect(result?.status).toBe('fail');
  expect(result?.message).toContain('every member has write access');
  expect(result?.message).toContain('Fix:');
});

test('not-assessable when the field is hidden from a non-owner token, never a pass', () => {
  const [result] = evaluate(notAssessable);
  expect(result?.status).toBe('not-assessable');
  expect(result?.message).toContain('default_repository_permission');
});

test('mapped to 8.3, 5.15', () => {
  expect(githubOrgDefaultPermissionRestricted.controls.map((c) => c.id)).toEqual(['8.3', '5.15']);
});
