import { expect, test } from 'vitest';
import { adminRoles } from '../../collectors/admin-roles.js';
import { workspaceUsers } from '../../collectors/users.js';
import { evaluateWithEvidence, evidenceFixture } from '../../testing/evidence-fixture.js';
import { googleWorkspaceAdminRolesActiveHolders } from './check.js';
import fail from './fail.json' with { type: 'json' };
import pass from './pass.json' with { type: 'json' };

const evaluate = (data: { roles: unknown; users: unknown }) =>
  evaluateWithEvidence(googleWorkspaceAdminRolesActiveHolders, {
    roles: evidenceFixture(adminRoles, data.roles),
    users: evidenceFixture(workspaceUsers, data.users),
  });

test('pass: user assignments held by active users; group assignments are not judged', () => {
  const results = evaluate(pass);
  expect(results.map((r) => r.status)).toEqual(['pass']);
  expect(results[0]?.message).toMatch(/All 2 admin role assignments/);
});

test('fail: a suspended holder and a holder who is no longer a user', () => {
  const results = evaluate(fail);
  expect(results.map((r) => [r.resource.split('/').at(-1), r.status])).toEqual([
    ['bob@acme.example', 'fail'],
    ['93', 'fail'],
  ]);
  expect(results[0]?.message).toBe(
    'bob@acme.example is suspended but still holds _HELP_DESK_ADMIN_ROLE. Fix: remove the role assignment.',
  );
  expect(results[1]?.message).toMatch(/user id 999, who is not among the domain's users/);
});
