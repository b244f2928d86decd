import { expect, test } from 'vitest';
import { loginActivity } from '../../collectors/login-activity.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceLoginsSuspicious } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceLoginsSuspicious, { logins: evidenceFixture(loginActivity, data) });

test('pass: failures below the threshold and nothing suspicious', () => {
  const results = evaluate(pass);
  expect(results.map((r) => r.status)).toEqual(['pass']);
  expect(results[0]?.message).toMatch(/1200 sign-in events, 2026-10-28 – 2026-11-27/);
});

test('fail: suspicious sign-ins per user, the ones not kept, and a user with many failures', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource.split('/').at(-1), r.status])).toEqual([
    ['erin@acme.example', 'fail'],
    ['suspicious-logins', 'fail'],
    ['carol@acme.example', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(
    /^2 suspicious sign-ins for erin@acme\.example .*latest suspicious_login at 2026-11-27T09:00:00\.000Z from 192\.0\.2\.66/,
  );
  expect(results[1]?.message).toMatch(/^3 further suspicious sign-ins/);
  expect(results[2]?.message).toMatch(/^37 failed sign-ins for carol@acme\.example/);
});
