import { defineCheck } from '@annexa/core';
import { adminActivity } from '../../collectors/admin-activity.js';
import { loginActivity } from '../../collectors/login-activity.js';

export const googleWorkspaceAuditTrailPresent = defineCheck({
  id: 'google_workspace_audit_trail_present',
  title: 'The Google Workspace audit trail (sign-in and admin events) covers the last 30 days',
  severity: 'medium',
  controls: [
    {
      id: '8.15',
      relation: 'satisfies',
      rationale: 'Logs of sign-ins and administrator actions are produced and kept for the period.',
    },
    { id: '8.16', relation: 'supports', rationale: 'Monitoring needs a log to read.' },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.reports.audit.readonly (domain-wide delegation)',
  ],
  inputs: { logins: loginActivity, admin: adminActivity },
  evaluate({ logins, admin }) {
    const source = logins.record.source;
    const { window } = logins.record.data;
    const period = `${window.startTime.slice(0, 10)} – ${window.endTime.slice(0, 10)}`;
    const signIns = logins.record.data.events;
    const adminEvents = admin.record.data.events;
    // A domain in use signs people in every day: no sign-in event at all means the log is not there to read.
    if (signIns === 0) {
      return [
        {
          resource: `${source}/audit/login`,
          status: 'fail',
          message: `The Reports API returned no sign-in events for ${source} in ${period}. Fix: check that the audit log is available to the admin Annexa acts as, and that the domain is in use.`,
          inputs: ['logins'],
        },
      ];
    }
    return [
      {
        resource: `${source}/audit`,
        status: 'pass',
        message:
          `The audit trail of ${source} covers ${period}: ${signIns} sign-in events and ${adminEvents} admin events` +
          `${admin.record.data.newest ? ` (latest admin event ${admin.record.data.newest})` : ''}.`,
      },
    ];
  },
});
