import { githubConnector } from '@annexa/connector-github';
import type { SystemModule } from '@annexa/core';
import { githubChecks } from './checks/index.js';
import { githubCollectors } from './collectors/index.js';

export { githubMembers2faEnabled, githubOrg2faRequired } from './checks/index.js';
export { members2fa, orgSettings } from './collectors/index.js';
export type { Members2fa } from './collectors/members-2fa.js';
export type { OrgSettings } from './collectors/org-settings.js';

/** GitHub: its connector, the collectors that read through it, and the checks that judge their evidence. */
export const githubSystem: SystemModule = {
  connector: githubConnector,
  collectors: githubCollectors,
  checks: githubChecks,
};
