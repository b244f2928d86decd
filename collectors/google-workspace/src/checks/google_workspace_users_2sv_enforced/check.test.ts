import { expect, test } from 'vitest';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceUsers2svEnforced } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceUsers2svEnforced, { users: evidenceFixture(workspaceUsers, data) });

test('pass: enforcement on for everyone active', () => {
  expect(evaluate(pass).map((r) => r.status)).toEqual(['pass']);
});

test('fail: the user and the unit to enforce it on', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource, r.status])).toEqual([
    ['workspace/acme.example/users/bob@acme.example', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(/not enforced for bob@acme\.example \(unit \/Sales\)/);
});
