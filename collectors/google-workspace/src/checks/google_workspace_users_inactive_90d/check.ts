import { defineCheck } from '@annexa/core';
import { workspaceUsers } from '../../collectors/users.js';
import { activeUsers, scopeNote, userResource } from '../users.js';

export const INACTIVE_DAYS = 90;
const DAY_MS = 86_400_000;

export const googleWorkspaceUsersInactive90d = defineCheck({
  id: 'google_workspace_users_inactive_90d',
  title: 'No active Google Workspace user in scope has gone 90 days without signing in',
  severity: 'medium',
  controls: [
    {
      id: '5.18',
      relation: 'satisfies',
      rationale:
        'Access rights are reviewed and removed when no longer needed; a dormant account is the usual sign they were not.',
    },
  ],
  permissions: [
    'scope https://www.googleapis.com/auth/admin.directory.user.readonly (domain-wide delegation)',
  ],
  inputs: { users: workspaceUsers },
  evaluate({ users }) {
    // Judged against the time of collection, never the clock: re-evaluating old evidence gives the same answer.
    const at = Date.parse(users.record.collectedAt);
    const cutoff = at - INACTIVE_DAYS * DAY_MS;
    const active = activeUsers(users.record.data);
    const dormant = active.filter((user) => {
      if (user.lastLoginTime !== null) return Date.parse(user.lastLoginTime) < cutoff;
      // Never signed in: dormant once the account is older than the limit.
      return user.creationTime !== null && Date.parse(user.creationTime) < cutoff;
    });
    if (dormant.length === 0) {
      return [
        {
          resource: users.record.source,
          status: 'pass',
          message: `All ${active.length} active users of ${users.record.source}${scopeNote(users.record.data)} signed in within ${INACTIVE_DAYS} days.`,
        },
      ];
    }
    return dormant.map((user) => {
      const last =
        user.lastLoginTime === null
          ? `has never signed in (created ${user.creationTime?.slice(0, 10)})`
          : `last signed in ${Math.floor((at - Date.parse(user.lastLoginTime)) / DAY_MS)} days ago (${user.lastLoginTime.slice(0, 10)})`;
      return {
        resource: userResource(users, user.email),
        status: 'fail' as const,
        message: `${user.email} is active but ${last}. Fix: suspend the account if its owner left or no longer needs it, or record why it stays.`,
      };
    });
  },
});
