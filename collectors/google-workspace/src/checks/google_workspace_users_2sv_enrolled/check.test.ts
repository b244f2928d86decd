import { expect, test } from 'vitest';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceUsers2svEnrolled } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceUsers2svEnrolled, { users: evidenceFixture(workspaceUsers, data) });

test('pass: out-of-scope and suspended users do not count; the scope is named', () => {
  const results = evaluate(pass);
  expect(results.map((r) => [r.resource, r.status])).toEqual([['workspace/acme.example', 'pass']]);
  expect(results[0]?.message).toBe(
    'All 4 active users of workspace/acme.example (scope: all units, excluding /Contractors) are enrolled in 2-Step Verification.',
  );
});

test('fail: one result per user not enrolled; unknown enrolment is not-assessable, never pass', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['workspace/acme.example/users/bob@acme.example', 'fail'],
    ['workspace/acme.example/users/grace@acme.example', 'not-assessable'],
  ]);
  expect(results[0]?.message).toMatch(/^bob@acme\.example is not enrolled in 2-Step Verification\. Fix:/);
});

test('mapped to 8.5 (satisfies) and 5.17 (supports)', () => {
  expect(googleWorkspaceUsers2svEnrolled.controls.map((c) => [c.id, c.relation])).toEqual([
    ['8.5', 'satisfies'],
    ['5.17', 'supports'],
  ]);
});
