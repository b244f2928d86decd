import type { AnyCheck } from '@annexa/core';
import { githubMembers2faEnabled } from './github_members_2fa_enabled/check.js';
import { githubOrg2faRequired } from './github_org_2fa_required/check.js';

export { githubMembers2faEnabled, githubOrg2faRequired };

/** Every GitHub check, one line each. */
export const githubChecks: readonly AnyCheck[] = [
  githubOrg2faRequired, // github_org_2fa_required
  githubMembers2faEnabled, // github_members_2fa_enabled
];
