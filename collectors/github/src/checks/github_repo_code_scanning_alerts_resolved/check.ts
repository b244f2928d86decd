import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { securityAlerts } from '../../collectors/security-alerts.js';
import { judgeAlerts, numbers } from '../alert-check.js';

export const githubRepoCodeScanningAlertsResolved = defineCheck({
  id: 'github_repo_code_scanning_alerts_resolved',
  title: 'Code scanning runs and no critical or high alert is open',
  severity: 'high',
  controls: [
    {
      id: '8.29',
      relation: 'supports',
      rationale: 'Static analysis findings of high severity are resolved: security testing in development.',
    },
    {
      id: '8.8',
      relation: 'supports',
      rationale: 'Vulnerabilities found in our own code are technical vulnerabilities to manage.',
    },
    {
      id: '8.28',
      relation: 'supports',
      rationale: 'Code scanning enforces secure coding rules on every change.',
    },
  ],
  permissions: [
    'classic token: security_events, from an owner or security manager; private repositories need GitHub Code Security (Advanced Security)',
    'fine-grained token / GitHub App: Code scanning alerts (repository): read',
  ],
  inputs: { alerts: securityAlerts, repositories },
  evaluate(inputs) {
    return judgeAlerts(
      inputs,
      inputs.alerts.record.data.codeScanning,
      'open critical or high code-scanning alert',
      (alert) => alert.kind === 'critical' || alert.kind === 'high',
      (resource, open) =>
        `${resource}: ${open.length} open critical/high code-scanning alert${open.length === 1 ? '' : 's'}: ${numbers(open)}. Fix: fix the code, or dismiss as false positive with a reason.`,
    );
  },
});
