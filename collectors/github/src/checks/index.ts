import type { AnyCheck } from '@annexa/core';
import { githubMembers2faEnabled } from './github_members_2fa_enabled/check.js';
import { githubOrg2faRequired } from './github_org_2fa_required/check.js';
import { githubOrgAuditLogAvailable } from './github_org_audit_log_available/check.js';
import { githubOrgDefaultPermissionRestricted } from './github_org_default_permission_restricted/check.js';
import { githubOrgOwnersLimited } from './github_org_owners_limited/check.js';
import { githubOrgPrivateForksRestricted } from './github_org_private_forks_restricted/check.js';
import { githubOrgPublicRepoCreationRestricted } from './github_org_public_repo_creation_restricted/check.js';
import { githubRepoAdminsEnforced } from './github_repo_admins_enforced/check.js';
import { githubRepoCodeOwnerReviewRequired } from './github_repo_code_owner_review_required/check.js';
import { githubRepoCodeScanningAlertsResolved } from './github_repo_code_scanning_alerts_resolved/check.js';
import { githubRepoCodeownersPresent } from './github_repo_codeowners_present/check.js';
import { githubRepoDefaultBranchProtected } from './github_repo_default_branch_protected/check.js';
import { githubRepoDependabotAlertsEnabled } from './github_repo_dependabot_alerts_enabled/check.js';
import { githubRepoDependabotAlertsWithinSla } from './github_repo_dependabot_alerts_within_sla/check.js';
import { githubRepoForcePushBlocked } from './github_repo_force_push_blocked/check.js';
import { githubRepoPrReviewRequired } from './github_repo_pr_review_required/check.js';
import { githubRepoPushProtectionEnabled } from './github_repo_push_protection_enabled/check.js';
import { githubRepoSecretAlertsResolved } from './github_repo_secret_alerts_resolved/check.js';
import { githubRepoSecretScanningEnabled } from './github_repo_secret_scanning_enabled/check.js';
import { githubRepoStaleReviewsDismissed } from './github_repo_stale_reviews_dismissed/check.js';
import { githubRepoStatusChecksRequired } from './github_repo_status_checks_required/check.js';

export {
  githubMembers2faEnabled,
  githubOrg2faRequired,
  githubOrgAuditLogAvailable,
  githubOrgDefaultPermissionRestricted,
  githubOrgOwnersLimited,
  githubOrgPrivateForksRestricted,
  githubOrgPublicRepoCreationRestricted,
  githubRepoAdminsEnforced,
  githubRepoCodeOwnerReviewRequired,
  githubRepoCodeownersPresent,
  githubRepoCodeScanningAlertsResolved,
  githubRepoDefaultBranchProtected,
  githubRepoDependabotAlertsEnabled,
  githubRepoDependabotAlertsWithinSla,
  githubRepoForcePushBlocked,
  githubRepoPrReviewRequired,
  githubRepoPushProtectionEnabled,
  githubRepoSecretAlertsResolved,
  githubRepoSecretScanningEnabled,
  githubRepoStaleReviewsDismissed,
  githubRepoStatusChecksRequired,
};

/** Every GitHub check, one line each. */
export const githubChecks: readonly AnyCheck[] = [
  githubOrg2faRequired, // github_org_2fa_required
  githubMembers2faEnabled, // github_members_2fa_enabled
  githubOrgAuditLogAvailable, // github_org_audit_log_available
  githubOrgDefaultPermissionRestricted, // github_org_default_permission_restricted
  githubOrgOwnersLimited, // github_org_owners_limited
  githubOrgPrivateForksRestricted, // github_org_private_forks_restricted
  githubOrgPublicRepoCreationRestricted, // github_org_public_repo_creation_restricted
  githubRepoAdminsEnforced, // github_repo_admins_enforced
  githubRepoCodeOwnerReviewRequired, // github_repo_code_owner_review_required
  githubRepoCodeScanningAlertsResolved, // github_repo_code_scanning_alerts_resolved
  githubRepoCodeownersPresent, // github_repo_codeowners_present
  githubRepoDefaultBranchProtected, // github_repo_default_branch_protected
  githubRepoDependabotAlertsEnabled, // github_repo_dependabot_alerts_enabled
  githubRepoDependabotAlertsWithinSla, // github_repo_dependabot_alerts_within_sla
  githubRepoForcePushBlocked, // github_repo_force_push_blocked
  githubRepoPrReviewRequired, // github_repo_pr_review_required
  githubRepoPushProtectionEnabled, // github_repo_push_protection_enabled
  githubRepoSecretAlertsResolved, // github_repo_secret_alerts_resolved
  githubRepoSecretScanningEnabled, // github_repo_secret_scanning_enabled
  githubRepoStaleReviewsDismissed, // github_repo_stale_reviews_dismissed
  githubRepoStatusChecksRequired, // github_repo_status_checks_required
];
