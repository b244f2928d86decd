import { expect, test } from 'vitest';
import { adminActivity } from '../../collectors/admin-activity.js';
import { loginActivity } from '../../collectors/login-activity.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceAuditTrailPresent } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: { logins: unknown; admin: unknown }) => {
  const logins = evidenceFixture(loginActivity, data.logins);
  const admin = evidenceFixture(adminActivity, data.admin);
  return {
    logins,
    admin,
    results: evaluateWithEvidence(googleWorkspaceAuditTrailPresent, { logins, admin }),
  };
};

test('pass: sign-in and admin events for the period, both evidences named', () => {
  const { logins, admin, results } = evaluate(pass);
  expect(results.map((r) => r.status)).toEqual(['pass']);
  expect(results[0]?.message).toMatch(
    /1200 sign-in events and 14 admin events \(latest admin event 2026-11-26/,
  );
  expect(results[0]?.evidence).toEqual([logins.id, admin.id]);
});

test('fail: no sign-in event in 30 days, resting on the login evidence only', () => {
  const { logins, results } = evaluate(fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['workspace/acme.example/audit/login', 'fail'],
  ]);
  expect(results[0]?.evidence).toEqual([logins.id]);
});
