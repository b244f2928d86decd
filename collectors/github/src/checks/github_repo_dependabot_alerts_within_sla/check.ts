import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { securityAlerts } from '../../collectors/security-alerts.js';
import { ageInDays, judgeAlerts, numbers } from '../alert-check.js';

export const githubRepoDependabotAlertsWithinSla = defineCheck({
  id: 'github_repo_dependabot_alerts_within_sla',
  title: 'No critical or high Dependabot alert stays open past its SLA',
  severity: 'high',
  controls: [
    {
      id: '8.8',
      relation: 'satisfies',
      rationale:
        'Known vulnerabilities in dependencies are fixed within a set time: management of technical vulnerabilities.',
    },
  ],
  permissions: [
    'classic token: security_events (or public_repo for public repositories only), from an owner or security manager',
    'fine-grained token / GitHub App: Dependabot alerts (repository): read',
  ],
  inputs: { alerts: securityAlerts, repositories },
  evaluate(inputs) {
    const { sla, dependabot } = inputs.alerts.record.data;
    const collectedAt = inputs.alerts.record.collectedAt;
    const limit = (severity: string) =>
      severity === 'critical'
        ? sla.criticalDays
        : severity === 'high'
          ? sla.highDays
          : Number.POSITIVE_INFINITY;
    return judgeAlerts(
      inputs,
      dependabot,
      `critical Dependabot alert open more than ${sla.criticalDays} days or high one more than ${sla.highDays} days`,
      (alert) => ageInDays(alert.createdAt, collectedAt) > limit(alert.kind),
      (resource, overdue) =>
        `${resource}: ${overdue.length} critical/high Dependabot alert${overdue.length === 1 ? '' : 's'} open past the SLA (${sla.criticalDays} days critical, ${sla.highDays} high): ${numbers(overdue)}. Fix: update the dependencies, or dismiss with a reason.`,
    );
  },
});
