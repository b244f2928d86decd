import { expect, test } from 'vitest';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceSuperAdmins2sv } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceSuperAdmins2sv, { users: evidenceFixture(workspaceUsers, data) });

test('pass: every super admin enrolled and enforced', () => {
  expect(evaluate(pass).map((r) => r.status)).toEqual(['pass']);
});

test('fail: each super admin without 2SV, saying what is missing; ordinary users are not judged here', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource.split('/').at(-1), r.status])).toEqual([
    ['alice@acme.example', 'fail'],
    ['carol@acme.example', 'fail'],
  ]);
  expect(results[0]?.message).toMatch(/alice@acme\.example is not enforced in 2-Step/);
  expect(results[1]?.message).toMatch(/carol@acme\.example is not enrolled and not enforced/);
  expect(googleWorkspaceSuperAdmins2sv.severity).toBe('critical');
});
