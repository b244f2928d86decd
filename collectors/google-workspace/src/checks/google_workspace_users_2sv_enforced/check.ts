import { defineCheck } from '@annexa/core';
import { workspaceUsers } from '../../collectors/users.js';
import { activeUsers, scopeNote, userResource } from '../users.js';

export const googleWorkspaceUsers2svEnforced = defineCheck({
  id: 'google_workspace_users_2sv_enforced',
  title: '2-Step Verification is enforced for every active Google Workspace user in scope',
  severity: 'medium',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'Enforcement keeps 2SV from being switched off user by user.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { users: workspaceUsers },
  evaluate({ users }) {
    const active = activeUsers(users.record.data);
    const results = active
      .filter((user) => user.enforced2sv !== true)
      .map((user) => ({
        resource: userResource(users, user.email),
        status: user.enforced2sv === null ? ('not-assessable' as const) : ('fail' as const),
        message:
          user.enforced2sv === null
            ? `the Directory API did not say whether 2SV is enforced for ${user.email}.`
            : `2-Step Verification is not enforced for ${user.email} (unit ${user.orgUnitPath}). Fix: Security → 2-Step Verification → Enforcement: On for that unit.`,
      }));
    if (results.length > 0) return results;
    return [
      {
        resource: users.record.source,
        status: 'pass',
        message: `2-Step Verification is enforced for all ${active.length} active users of ${users.record.source}${scopeNote(users.record.data)}.`,
      },
    ];
  },
});
