import { getControl } from '@annexa/core';
import { expect, test } from 'vitest';
import { orgSettings } from '../../collectors/org-settings.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { githubOrg2faRequired } from './check.js';
import fail from './fail.json' with { type: 'json' };
import notAssessable from './not-assessable.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

function evaluate(data: unknown) {
  const org = evidenceFixture(orgSettings, data);
  return { org, results: evaluateWithEvidence(githubOrg2faRequired, { org }) };
}

test('pass: the organization requires 2FA', () => {
  const { org, results } = evaluate(pass);
  expect(results).toEqual([
    {
      resource: 'github.com/orgs/acme',
      status: 'pass',
      message: 'github.com/orgs/acme requires two-factor authentication for all members.',
      evidence: [org.id],
    },
  ]);
});

test('fail: 2FA not required, with the setting to change', () => {
  const { org, results } = evaluate(fail);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ resource: 'github.com/orgs/acme', status: 'fail', evidence: [org.id] });
  expect(results[0]?.message).toContain('Authentication security → Require two-factor authentication');
});

test('not-assessable: the field is hidden from a non-owner token, and that is never a pass', () => {
  const { org, results } = evaluate(notAssessable);
  expect(results).toEqual([
    {
      resource: 'github.com/orgs/acme',
      status: 'not-assessable',
      message:
        'two_factor_requirement_enabled is visible only to organization owners: use an owner token (admin:org read)',
      evidence: [org.id],
    },
  ]);
});

test('mapped to 8.5 (satisfies) and 5.17 (supports), severity high, permissions named', () => {
  expect(githubOrg2faRequired.controls.map((c) => [c.id, c.relation])).toEqual([
    ['8.5', 'satisfies'],
    ['5.17', 'supports'],
  ]);
  expect(getControl('8.5').title).toBe('Secure authentication');
  expect(githubOrg2faRequired.severity).toBe('high');
  expect(githubOrg2faRequired.permissions.join(' ')).toMatch(/admin:org/);
});

test('a fixture that does not match the collector schema is refused', () => {
  expect(() => evidenceFixture(orgSettings, { ...pass, two_factor_requirement_enabled: 'yes' })).toThrow();
});
