import { defineCheck } from '@annexa/core';
import { tokenGrants } from '../../collectors/token-grants.js';

/** Scopes that hand a third-party app a whole mailbox, drive or the directory. */
export const BROAD_SCOPES = [
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/admin.directory.user',
  'https://www.googleapis.com/auth/cloud-platform',
] as const;

export const googleWorkspaceOauthGrantsBroadScopes = defineCheck({
  id: 'google_workspace_oauth_grants_broad_scopes',
  title: 'No third-party OAuth app was granted full mail, drive or directory access in the last 30 days',
  severity: 'medium',
  controls: [
    {
      id: '5.19',
      relation: 'supports',
      rationale: 'Supplier apps with access to company data are known and reviewed.',
    },
    {
      id: '8.26',
      relation: 'supports',
      rationale: 'Application security requirements cover what third-party apps may reach.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.reports.audit.readonly (domain-wide delegation)',
  ],
  inputs: { tokens: tokenGrants },
  evaluate({ tokens }) {
    const source = tokens.record.source;
    const broad = new Set<string>(BROAD_SCOPES);
    const risky = tokens.record.data.apps.filter((app) => app.scopes.some((scope) => broad.has(scope)));
    if (risky.length === 0) {
      return [
        {
          resource: `${source}/oauth-apps`,
          status: 'pass',
          message: `${tokens.record.data.apps.length} third-party apps were granted access in ${source} in the last ${tokens.record.data.window.days} days; none with full mail, drive or directory scopes.`,
        },
      ];
    }
    return risky.map((app) => ({
      resource: `${source}/oauth-apps/${app.clientId}`,
      status: 'fail' as const,
      message:
        `${app.appName ?? app.clientId} was granted ${app.scopes.filter((scope) => broad.has(scope)).join(', ')} by ${app.users} ` +
        `user${app.users === 1 ? '' : 's'} (latest ${app.lastGrant}). Fix: review the app as a supplier; restrict it under ` +
        'Security → API controls → App access control, or mark it trusted once reviewed.',
    }));
  },
});
