import { defineCheck } from '@annexa/core';
import { auditLog } from '../../collectors/audit-log.js';

export const githubOrgAuditLogAvailable = defineCheck({
  id: 'github_org_audit_log_available',
  title: 'The organisation audit log records events and can be read',
  severity: 'medium',
  controls: [
    {
      id: '8.15',
      relation: 'supports',
      rationale: 'The audit log records who changed what in the organisation: logging.',
    },
  ],
  permissions: [
    'classic token: read:audit_log, from an organization owner (GitHub Enterprise Cloud only)',
    'fine-grained token / GitHub App: Administration (organization): read',
  ],
  inputs: { log: auditLog },
  evaluate({ log }) {
    const resource = log.record.source;
    const data = log.record.data;
    if (!data.available) {
      return [
        { resource, status: 'not-assessable', message: data.reason ?? 'the audit log could not be read' },
      ];
    }
    if (data.events === 0) {
      return [
        {
          resource,
          status: 'fail',
          message: `${resource}: the audit log holds no event since ${data.since}. Fix: check that audit logging (and log streaming, if used) is active.`,
        },
      ];
    }
    return [
      {
        resource,
        status: 'pass',
        message: `${resource}: the audit log records events (${data.events}${data.events === 100 ? '+' : ''} since ${data.since}, newest ${data.newestEventAt ?? 'unknown'}).`,
      },
    ];
  },
});
