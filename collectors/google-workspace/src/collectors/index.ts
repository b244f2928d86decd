import type { AnyCollector } from '@annexa/core';
import { githubOrgMembers } from '../identity/github-members.js';
import { adminActivity } from './admin-activity.js';
import { adminRoles } from './admin-roles.js';
import { loginActivity } from './login-activity.js';
import { peopleLinks } from './people-links.js';
import { tokenGrants } from './token-grants.js';
import { workspaceUsers } from './users.js';

export {
  adminActivity,
  adminRoles,
  githubOrgMembers,
  loginActivity,
  peopleLinks,
  tokenGrants,
  workspaceUsers,
};

/** Every collector this package brings, one line each (github.org-members runs on GitHub instances). */
export const googleWorkspaceCollectors: readonly AnyCollector[] = [
  workspaceUsers, // google-workspace.users
  adminRoles, // google-workspace.admin-roles
  loginActivity, // google-workspace.login-activity
  adminActivity, // google-workspace.admin-activity
  tokenGrants, // google-workspace.token-grants
  peopleLinks, // google-workspace.people-links
  githubOrgMembers, // github.org-members (identity reconciliation)
];
