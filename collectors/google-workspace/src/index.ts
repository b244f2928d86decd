import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import type { SystemModule } from '@annexa/core';
import { googleWorkspaceChecks } from './checks/index.js';
import { googleWorkspaceCollectors } from './collectors/index.js';

export * from './checks/index.js';
export type { AdminActivity } from './collectors/admin-activity.js';
export type { AdminRoles } from './collectors/admin-roles.js';
export * from './collectors/index.js';
export type { LoginActivity } from './collectors/login-activity.js';
export type { PeopleLinks } from './collectors/people-links.js';
export type { TokenGrants } from './collectors/token-grants.js';
export type { WorkspaceUsers } from './collectors/users.js';
export { githubAccounts } from './identity/account-sources.js';
export type { GitHubOrgMembers } from './identity/github-members.js';
export { identityInputs } from './identity/reconcile.js';

/**
 * Google Workspace: its connector, collectors and checks, plus the cross-system identity checks (Workspace is the
 * identity provider) and the GitHub member listing they read.
 */
export const googleWorkspaceSystem: SystemModule = {
  connector: googleWorkspaceConnector,
  collectors: googleWorkspaceCollectors,
  checks: googleWorkspaceChecks,
};
