import { defineCheck } from '@annexa/core';
import { loginActivity } from '../../collectors/login-activity.js';

/** Failed sign-ins of one user within the window that warrant a look (password spraying, a stolen password). */
export const FAILED_LOGIN_THRESHOLD = 10;

export const googleWorkspaceLoginsSuspicious = defineCheck({
  id: 'google_workspace_logins_suspicious',
  title: 'No suspicious sign-ins, and no user with 10 or more failed sign-ins, in the last 30 days',
  severity: 'high',
  controls: [
    {
      id: '8.16',
      relation: 'satisfies',
      rationale: 'Monitoring activities: anomalous sign-ins are detected and shown for follow-up.',
    },
    { id: '8.15', relation: 'supports', rationale: 'The sign-in log is recorded and read.' },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.reports.audit.readonly (domain-wide delegation)',
  ],
  inputs: { logins: loginActivity },
  evaluate({ logins }) {
    const source = logins.record.source;
    const data = logins.record.data;
    const period = `${data.window.startTime.slice(0, 10)} – ${data.window.endTime.slice(0, 10)}`;
    const bySuspect = new Map<string, typeof data.suspicious>();
    for (const entry of data.suspicious)
      bySuspect.set(entry.email, [...(bySuspect.get(entry.email) ?? []), entry]);
    const results = [...bySuspect].map(([email, entries]) => {
      const [latest] = entries;
      return {
        resource: `${source}/users/${email}`,
        status: 'fail' as const,
        message:
          `${entries.length} suspicious sign-in${entries.length === 1 ? '' : 's'} for ${email} in ${period}` +
          `${latest ? ` (latest ${latest.event} at ${latest.time} from ${latest.ipAddress ?? 'an unknown address'})` : ''}. ` +
          'Fix: confirm with the user, reset the password and revoke sessions if it was not them.',
      };
    });
    const hidden = data.suspiciousTotal - data.suspicious.length;
    if (hidden > 0) {
      results.push({
        resource: `${source}/suspicious-logins`,
        status: 'fail',
        message: `${hidden} further suspicious sign-ins in ${period} are not listed in the evidence (only the newest ${data.suspicious.length} are kept): review them in the Admin console.`,
      });
    }
    for (const { email, count } of data.failedByUser) {
      if (count < FAILED_LOGIN_THRESHOLD) continue;
      results.push({
        resource: `${source}/users/${email}`,
        status: 'fail',
        message: `${count} failed sign-ins for ${email} in ${period}. Fix: check for password guessing; enforce 2SV and reset the password if needed.`,
      });
    }
    if (results.length > 0) return results;
    return [
      {
        resource: source,
        status: 'pass',
        message: `No suspicious sign-ins and no user with ${FAILED_LOGIN_THRESHOLD}+ failed sign-ins in ${source} (${data.events} sign-in events, ${period}).`,
      },
    ];
  },
});
