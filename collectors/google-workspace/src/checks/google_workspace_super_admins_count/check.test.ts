import { expect, test } from 'vitest';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceSuperAdminsCount } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: unknown) =>
  evaluateWithEvidence(googleWorkspaceSuperAdminsCount, { users: evidenceFixture(workspaceUsers, data) });

test('pass: two active super admins, named', () => {
  const [result] = evaluate(pass);
  expect(result?.status).toBe('pass');
  expect(result?.message).toBe(
    'workspace/acme.example has 2 active super admins: alice@acme.example, carol@acme.example.',
  );
});

test('fail: a suspended super admin does not count, leaving one', () => {
  const [result] = evaluate(fail);
  expect(result?.status).toBe('fail');
  expect(result?.message).toMatch(
    /has 1 active super admin: alice@acme\.example; between 2 and 4 are expected\. Fix: name a second/,
  );
});

test('fail: five are too many', () => {
  const many = {
    ...pass,
    users: ['a', 'b', 'c', 'd', 'e'].map((name, index) => ({
      ...pass.users[0],
      id: String(index),
      email: `${name}@acme.example`,
    })),
    inScope: 5,
  };
  const [result] = evaluate(many);
  expect(result?.status).toBe('fail');
  expect(result?.message).toMatch(/has 5 active super admins.*delegated roles/);
});
