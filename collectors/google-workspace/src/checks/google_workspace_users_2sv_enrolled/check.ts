import { defineCheck } from '@annexa/core';
import { workspaceUsers } from '../../collectors/users.js';
import { activeUsers, scopeNote, userResource } from '../users.js';

export const googleWorkspaceUsers2svEnrolled = defineCheck({
  id: 'google_workspace_users_2sv_enrolled',
  title: 'Every active Google Workspace user in scope is enrolled in 2-Step Verification',
  severity: 'high',
  controls: [
    {
      id: '8.5',
      relation: 'satisfies',
      rationale: 'A second factor at every sign-in is secure authentication, user by user.',
    },
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'A user without 2SV has only a password between a leak and the domain.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { users: workspaceUsers },
  evaluate({ users }) {
    const active = activeUsers(users.record.data);
    const unknown = active.filter((user) => user.enrolled2sv === null);
    const missing = active.filter((user) => user.enrolled2sv === false);
    const results = [
      ...missing.map((user) => ({
        resource: userResource(users, user.email),
        status: 'fail' as const,
        message: `${user.email} is not enrolled in 2-Step Verification. Fix: have them enrol, then enforce 2SV for their unit (${user.orgUnitPath}).`,
      })),
      ...unknown.map((user) => ({
        resource: userResource(users, user.email),
        status: 'not-assessable' as const,
        message: `the Directory API did not say whether ${user.email} is enrolled in 2SV (the admin may lack the privilege).`,
      })),
    ];
    if (results.length > 0) return results;
    return [
      {
        resource: users.record.source,
        status: 'pass',
        message: `All ${active.length} active users of ${users.record.source}${scopeNote(users.record.data)} are enrolled in 2-Step Verification.`,
      },
    ];
  },
});
