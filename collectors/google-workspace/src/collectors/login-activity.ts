import { googleWorkspaceConnector, type WorkspaceActivity } from '@annexa/connector-google-workspace';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { activityWindow, activityWindowSchema, sortedRecord } from './window.js';

/** At most this many suspicious sign-ins are kept verbatim (newest first); the total is always counted. */
export const MAX_SUSPICIOUS_KEPT = 200;
/** At most this many users with failed sign-ins are listed (most failures first). */
export const MAX_FAILING_USERS_KEPT = 100;

const SUSPICIOUS_EVENTS = new Set([
  'suspicious_login',
  'suspicious_login_less_secure_app',
  'suspicious_programmatic_login',
]);

export const loginActivitySchema = z
  .object({
    window: activityWindowSchema,
    events: z.number().int().nonnegative(),
    byEvent: z.record(z.string(), z.number().int().nonnegative()),
    failed: z.number().int().nonnegative(),
    failedByUser: z.array(z.object({ email: z.string(), count: z.number().int().positive() }).strict()),
    usersWithFailures: z.number().int().nonnegative(),
    suspicious: z.array(
      z
        .object({ time: z.string(), email: z.string(), ipAddress: z.string().nullable(), event: z.string() })
        .strict(),
    ),
    suspiciousTotal: z.number().int().nonnegative(),
  })
  .strict();
export type LoginActivity = z.infer<typeof loginActivitySchema>;

/**
 * Sign-in events of the last 30 days, aggregated while paging (p(L, 1000) requests): counts, failures per user and
 * suspicious sign-ins. Memory grows with the number of users who failed, never with the number of events.
 */
export const loginActivity = defineCollector({
  id: 'google-workspace.login-activity',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Google Workspace sign-in activity (Reports API, login)',
  ttl: '24h',
  controls: ['8.15', '8.16', '5.17'],
  schema: loginActivitySchema,
  async collect(client, { now }) {
    const window = activityWindow(now);
    const byEvent = new Map<string, number>();
    const failedByUser = new Map<string, number>();
    const suspicious: LoginActivity['suspicious'] = [];
    let events = 0;
    let failed = 0;
    let suspiciousTotal = 0;
    for await (const activity of client.listActivities('login', window)) {
      for (const event of activity.events) {
        const name = event.name ?? 'unknown';
        events++;
        byEvent.set(name, (byEvent.get(name) ?? 0) + 1);
        const email = (activity.actor?.email ?? 'unknown').toLowerCase();
        if (name === 'login_failure') {
          failed++;
          failedByUser.set(email, (failedByUser.get(email) ?? 0) + 1);
        }
        if (isSuspicious(name, event.parameters ?? [])) {
          suspiciousTotal++;
          keepNewest(suspicious, {
            time: activity.id.time,
            email,
            ipAddress: activity.ipAddress,
            event: name,
          });
        }
      }
    }
    const failing = [...failedByUser].map(([email, count]) => ({ email, count }));
    failing.sort((a, b) => b.count - a.count || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    return {
      window,
      events,
      byEvent: sortedRecord(byEvent),
      failed,
      failedByUser: failing.slice(0, MAX_FAILING_USERS_KEPT),
      usersWithFailures: failing.length,
      suspicious: suspicious.sort(newestFirst).slice(0, MAX_SUSPICIOUS_KEPT),
      suspiciousTotal,
    };
  },
});

function isSuspicious(
  name: string,
  parameters: NonNullable<WorkspaceActivity['events'][number]['parameters']>,
): boolean {
  return (
    SUSPICIOUS_EVENTS.has(name) || parameters.some((p) => p.name === 'is_suspicious' && p.boolValue === true)
  );
}

/** Keeps the newest MAX_SUSPICIOUS_KEPT entries whatever the order events arrive in. */
function keepNewest(kept: LoginActivity['suspicious'], entry: LoginActivity['suspicious'][number]): void {
  kept.push(entry);
  if (kept.length > MAX_SUSPICIOUS_KEPT * 2) {
    kept.sort(newestFirst);
    kept.length = MAX_SUSPICIOUS_KEPT;
  }
}

function newestFirst(a: { time: string; email: string }, b: { time: string; email: string }): number {
  return a.time < b.time ? 1 : a.time > b.time ? -1 : a.email < b.email ? -1 : a.email > b.email ? 1 : 0;
}
