import { defineCheck } from '@annexa/core';
import { repositories } from '../../collectors/repositories.js';
import { securityAlerts } from '../../collectors/security-alerts.js';
import { judgeAlerts, numbers } from '../alert-check.js';

export const githubRepoSecretAlertsResolved = defineCheck({
  id: 'github_repo_secret_alerts_resolved',
  title: 'No secret-scanning alert is open',
  severity: 'critical',
  controls: [
    {
      id: '5.17',
      relation: 'supports',
      rationale: 'A leaked credential is authentication information that must be revoked and replaced.',
    },
    {
      id: '8.12',
      relation: 'supports',
      rationale: 'An open alert is a detected leak not yet contained: data leakage prevention.',
    },
    {
      id: '8.24',
      relation: 'supports',
      rationale: 'Leaked keys and tokens undermine the cryptography that relies on them.',
    },
  ],
  permissions: [
    'classic token: repo or security_events, from an owner or security manager; private repositories need GitHub Secret Protection (Advanced Security)',
    'fine-grained token / GitHub App: Secret scanning alerts (repository): read',
  ],
  inputs: { alerts: securityAlerts, repositories },
  evaluate(inputs) {
    return judgeAlerts(
      inputs,
      inputs.alerts.record.data.secretScanning,
      'open secret-scanning alert',
      () => true,
      (resource, open) =>
        `${resource}: ${open.length} open secret-scanning alert${open.length === 1 ? '' : 's'} (${[...new Set(open.map((alert) => alert.kind))].join(', ')}): ${numbers(open)}. Fix: revoke and rotate each secret, then close the alert.`,
    );
  },
});
