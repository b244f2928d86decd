import { defineCheck } from '@annexa/core';
import { workspaceUsers } from '../../collectors/users.js';
import { superAdmins, userResource } from '../users.js';

export const googleWorkspaceSuperAdmins2sv = defineCheck({
  id: 'google_workspace_super_admins_2sv',
  title: 'Every Google Workspace super admin is enrolled in and enforced for 2-Step Verification',
  severity: 'critical',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale: 'Privileged accounts are the first to need strong authentication.',
    },
    {
      id: '8.5',
      relation: 'supports',
      rationale: 'Secure authentication of the accounts that can change everything else.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { users: workspaceUsers },
  evaluate({ users }) {
    const admins = superAdmins(users.record.data);
    const weak = admins.filter((user) => user.enrolled2sv !== true || user.enforced2sv !== true);
    if (weak.length === 0) {
      return [
        {
          resource: users.record.source,
          status: 'pass',
          message: `All ${admins.length} super admins of ${users.record.source} are enrolled in and enforced for 2SV.`,
        },
      ];
    }
    return weak.map((user) => {
      const unknown = user.enrolled2sv === null || user.enforced2sv === null;
      const missing = [
        user.enrolled2sv === false ? 'not enrolled' : '',
        user.enforced2sv === false ? 'not enforced' : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return {
        resource: userResource(users, user.email),
        status: unknown && missing === '' ? ('not-assessable' as const) : ('fail' as const),
        message:
          missing === ''
            ? `the Directory API did not say whether super admin ${user.email} uses 2SV.`
            : `Super admin ${user.email} is ${missing} in 2-Step Verification. Fix: enrol them (a security key is best) and enforce 2SV for their unit.`,
      };
    });
  },
});
