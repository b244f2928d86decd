import { defineCheck } from '@annexa/core';
import { adminRoles } from '../../collectors/admin-roles.js';
import { workspaceUsers } from '../../collectors/users.js';

export const googleWorkspaceAdminRolesActiveHolders = defineCheck({
  id: 'google_workspace_admin_roles_active_holders',
  title: 'Google Workspace admin roles are held only by active users',
  severity: 'high',
  controls: [
    {
      id: '8.2',
      relation: 'satisfies',
      rationale: 'Privileged roles are allocated to, and kept by, only the people who need them.',
    },
    {
      id: '5.18',
      relation: 'supports',
      rationale: 'A suspended or archived user still holding a role shows access rights not removed.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.rolemanagement.readonly (domain-wide delegation)',
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { roles: adminRoles, users: workspaceUsers },
  evaluate({ roles, users }) {
    const source = users.record.source;
    const byId = new Map(users.record.data.users.map((user) => [user.id, user]));
    const roleName = new Map(roles.record.data.roles.map((role) => [role.roleId, role.roleName]));
    const results = [];
    let held = 0;
    for (const assignment of roles.record.data.assignments) {
      if (assignment.assigneeType !== null && assignment.assigneeType !== 'user') continue;
      held++;
      const user = byId.get(assignment.assignedTo);
      const role = roleName.get(assignment.roleId) ?? `role ${assignment.roleId}`;
      if (!user) {
        results.push({
          resource: `${source}/role-assignments/${assignment.roleAssignmentId}`,
          status: 'fail' as const,
          message: `${role} is assigned to user id ${assignment.assignedTo}, who is not among the domain's users (deleted?). Fix: remove the assignment.`,
        });
      } else if (user.suspended === true || user.archived === true) {
        results.push({
          resource: `${source}/users/${user.email}`,
          status: 'fail' as const,
          message: `${user.email} is ${user.archived ? 'archived' : 'suspended'} but still holds ${role}. Fix: remove the role assignment.`,
        });
      }
    }
    if (results.length > 0) return results;
    return [
      {
        resource: `${source}/role-assignments`,
        status: 'pass',
        message: `All ${held} admin role assignments of ${source} are held by active users.`,
      },
    ];
  },
});
