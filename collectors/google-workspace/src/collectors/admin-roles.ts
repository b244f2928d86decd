import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

export const adminRolesSchema = z
  .object({
    roles: z.array(
      z
        .object({ roleId: z.string(), roleName: z.string(), isSuperAdminRole: z.boolean().nullable() })
        .strict(),
    ),
    assignments: z.array(
      z
        .object({
          roleAssignmentId: z.string(),
          roleId: z.string(),
          /** The assignee's user (or group) id; google-workspace.users maps it to an email. */
          assignedTo: z.string(),
          assigneeType: z.string().nullable(),
          scopeType: z.string().nullable(),
          orgUnitId: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type AdminRoles = z.infer<typeof adminRolesSchema>;

/** Admin roles and who holds them: p(roles, 100) + p(RA, 200) requests. */
export const adminRoles = defineCollector({
  id: 'google-workspace.admin-roles',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Google Workspace admin roles and role assignments',
  ttl: '24h',
  controls: ['5.15', '5.18', '8.2'],
  schema: adminRolesSchema,
  async collect(client) {
    const roles: AdminRoles['roles'] = [];
    for await (const role of client.listRoles()) {
      roles.push({ roleId: role.roleId, roleName: role.roleName, isSuperAdminRole: role.isSuperAdminRole });
    }
    const assignments: AdminRoles['assignments'] = [];
    for await (const assignment of client.listRoleAssignments()) {
      assignments.push({
        roleAssignmentId: assignment.roleAssignmentId,
        roleId: assignment.roleId,
        assignedTo: assignment.assignedTo,
        assigneeType: assignment.assigneeType,
        scopeType: assignment.scopeType,
        orgUnitId: assignment.orgUnitId,
      });
    }
    roles.sort((a, b) => compare(a.roleId, b.roleId));
    assignments.sort((a, b) => compare(a.roleAssignmentId, b.roleAssignmentId));
    return { roles, assignments };
  },
});

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
