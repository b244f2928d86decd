import { githubConnector } from '@annexa/connector-github';
import type { SystemModule } from '@annexa/core';
import { githubChecks } from './checks/index.js';
import { githubCollectors } from './collectors/index.js';

export * from './checks/index.js';
export type { AuditLog } from './collectors/audit-log.js';
export {
  auditLog,
  members2fa,
  orgAccess,
  orgSettings,
  repositories,
  securityAlerts,
} from './collectors/index.js';
export type { Members2fa } from './collectors/members-2fa.js';
export type { OrgAccess } from './collectors/org-access.js';
export type { OrgSettings } from './collectors/org-settings.js';
export type { Repositories } from './collectors/repositories.js';
export type { SecurityAlerts } from './collectors/security-alerts.js';

/** GitHub: its connector, the collectors that read through it, and the checks that judge their evidence. */
export const githubSystem: SystemModule = {
  connector: githubConnector,
  collectors: githubCollectors,
  checks: githubChecks,
};
