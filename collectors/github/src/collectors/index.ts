import type { AnyCollector } from '@annexa/core';
import { auditLog } from './audit-log.js';
import { members2fa } from './members-2fa.js';
import { orgAccess } from './org-access.js';
import { orgSettings } from './org-settings.js';
import { repositories } from './repositories.js';
import { securityAlerts } from './security-alerts.js';

export { auditLog, members2fa, orgAccess, orgSettings, repositories, securityAlerts };

/** Every GitHub collector, one line each. */
export const githubCollectors: readonly AnyCollector[] = [
  orgSettings, // github.org-settings
  members2fa, // github.members-2fa
  orgAccess, // github.org-access
  repositories, // github.repositories
  securityAlerts, // github.security-alerts
  auditLog, // github.audit-log
];
