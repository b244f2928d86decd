import { githubConnector } from '@annexa/connector-github';
import { ConnectorError, defineCollector } from '@annexa/core';
import { z } from 'zod';

export const auditLogSchema = z
  .object({
    available: z.boolean(),
    /** Why it is not available: plan (GitHub Enterprise Cloud only) or permission. */
    reason: z.string().nullable(),
    since: z.string(),
    /** Events in the newest page (at most 100) since `since`. */
    events: z.number().int().nonnegative(),
    newestEventAt: z.string().nullable(),
  })
  .strict();
export type AuditLog = z.infer<typeof auditLogSchema>;

const WINDOW_DAYS = 7;

/**
 * Whether the organisation audit log can be read, and that it records events: one request (the newest 100
 * events of the last 7 days). The audit-log API exists on GitHub Enterprise Cloud only; elsewhere the evidence
 * says so, and the check is not assessable with that reason.
 */
export const auditLog = defineCollector({
  id: 'github.audit-log',
  version: '1',
  connector: githubConnector,
  title: 'GitHub organization audit log (GitHub Enterprise Cloud)',
  ttl: '24h',
  controls: ['8.15'],
  schema: auditLogSchema,
  async collect(client, { config, now }) {
    const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
    try {
      const page = await client.readAuditLog(config.org, since);
      return {
        available: true,
        reason: null,
        since,
        events: page.events,
        newestEventAt: page.newest === null ? null : new Date(page.newest).toISOString(),
      };
    } catch (error) {
      if (error instanceof ConnectorError && (error.code === 'forbidden' || error.code === 'not-found')) {
        const reason =
          error.code === 'not-found'
            ? 'the organisation audit-log API exists only on GitHub Enterprise Cloud (GitHub answered 404)'
            : 'reading the audit log needs an organization owner token with read:audit_log (GitHub answered 403)';
        return { available: false, reason, since, events: 0, newestEventAt: null };
      }
      throw error;
    }
  },
});
