import type { AnyCheck } from '@annexa/core';
import { googleWorkspaceAdminRolesActiveHolders } from './google_workspace_admin_roles_active_holders/check.js';
import { googleWorkspaceAuditTrailPresent } from './google_workspace_audit_trail_present/check.js';
import { googleWorkspaceLoginsSuspicious } from './google_workspace_logins_suspicious/check.js';
import { googleWorkspaceOauthGrantsBroadScopes } from './google_workspace_oauth_grants_broad_scopes/check.js';
import { googleWorkspaceSuperAdmins2sv } from './google_workspace_super_admins_2sv/check.js';
import { googleWorkspaceSuperAdminsCount } from './google_workspace_super_admins_count/check.js';
import { googleWorkspaceUsers2svEnforced } from './google_workspace_users_2sv_enforced/check.js';
import { googleWorkspaceUsers2svEnrolled } from './google_workspace_users_2sv_enrolled/check.js';
import { googleWorkspaceUsersInactive90d } from './google_workspace_users_inactive_90d/check.js';
import { identityAccountsUnlinked } from './identity_accounts_unlinked/check.js';
import { identityPeopleDuplicateAccounts } from './identity_people_duplicate_accounts/check.js';
import { identityPeopleLeaversWithAccess } from './identity_people_leavers_with_access/check.js';

export {
  googleWorkspaceAdminRolesActiveHolders,
  googleWorkspaceAuditTrailPresent,
  googleWorkspaceLoginsSuspicious,
  googleWorkspaceOauthGrantsBroadScopes,
  googleWorkspaceSuperAdmins2sv,
  googleWorkspaceSuperAdminsCount,
  googleWorkspaceUsers2svEnforced,
  googleWorkspaceUsers2svEnrolled,
  googleWorkspaceUsersInactive90d,
  identityAccountsUnlinked,
  identityPeopleDuplicateAccounts,
  identityPeopleLeaversWithAccess,
};

/** Every Google Workspace check and the cross-system identity checks, one line each. */
export const googleWorkspaceChecks: readonly AnyCheck[] = [
  googleWorkspaceUsers2svEnrolled, // google_workspace_users_2sv_enrolled
  googleWorkspaceUsers2svEnforced, // google_workspace_users_2sv_enforced
  googleWorkspaceSuperAdminsCount, // google_workspace_super_admins_count
  googleWorkspaceSuperAdmins2sv, // google_workspace_super_admins_2sv
  googleWorkspaceUsersInactive90d, // google_workspace_users_inactive_90d
  googleWorkspaceAdminRolesActiveHolders, // google_workspace_admin_roles_active_holders
  googleWorkspaceLoginsSuspicious, // google_workspace_logins_suspicious
  googleWorkspaceAuditTrailPresent, // google_workspace_audit_trail_present
  googleWorkspaceOauthGrantsBroadScopes, // google_workspace_oauth_grants_broad_scopes
  identityPeopleLeaversWithAccess, // identity_people_leavers_with_access (cross-system)
  identityAccountsUnlinked, // identity_accounts_unlinked (cross-system)
  identityPeopleDuplicateAccounts, // identity_people_duplicate_accounts (cross-system)
];
