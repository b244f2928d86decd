import { defineCheck } from '@annexa/core';
import { workspaceUsers } from '../../collectors/users.js';
import { superAdmins } from '../users.js';

export const MIN_SUPER_ADMINS = 2;
export const MAX_SUPER_ADMINS = 4;

export const googleWorkspaceSuperAdminsCount = defineCheck({
  id: 'google_workspace_super_admins_count',
  title: 'Google Workspace has between 2 and 4 active super admins',
  severity: 'medium',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale:
        'Privileged access is restricted: few super admins, but more than one so the domain is never locked out.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { users: workspaceUsers },
  evaluate({ users }) {
    const admins = superAdmins(users.record.data).map((user) => user.email);
    const count = admins.length;
    const list = count > 0 ? `: ${admins.join(', ')}` : '';
    if (count >= MIN_SUPER_ADMINS && count <= MAX_SUPER_ADMINS) {
      return [
        {
          resource: users.record.source,
          status: 'pass',
          message: `${users.record.source} has ${count} active super admins${list}.`,
        },
      ];
    }
    const fix =
      count < MIN_SUPER_ADMINS
        ? `Fix: name a second super admin (with 2SV), so losing one account does not lock the domain.`
        : `Fix: keep ${MIN_SUPER_ADMINS}–${MAX_SUPER_ADMINS} super admins and give the others delegated roles with only the privileges they need.`;
    return [
      {
        resource: users.record.source,
        status: 'fail',
        message: `${users.record.source} has ${count} active super admin${count === 1 ? '' : 's'}${list}; between ${MIN_SUPER_ADMINS} and ${MAX_SUPER_ADMINS} are expected. ${fix}`,
      },
    ];
  },
});
