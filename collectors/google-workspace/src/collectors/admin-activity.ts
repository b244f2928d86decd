import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { activityWindow, activityWindowSchema, sortedRecord } from './window.js';

export const adminActivitySchema = z
  .object({
    window: activityWindowSchema,
    events: z.number().int().nonnegative(),
    byEvent: z.record(z.string(), z.number().int().nonnegative()),
    actors: z.number().int().nonnegative(),
    oldest: z.string().nullable(),
    newest: z.string().nullable(),
  })
  .strict();
export type AdminActivity = z.infer<typeof adminActivitySchema>;

/** Admin-console audit events of the last 30 days, counted while paging: p(AE, 1000) requests. */
export const adminActivity = defineCollector({
  id: 'google-workspace.admin-activity',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Google Workspace admin audit trail (Reports API, admin)',
  ttl: '24h',
  controls: ['8.15', '8.2'],
  schema: adminActivitySchema,
  async collect(client, { now }) {
    const window = activityWindow(now);
    const byEvent = new Map<string, number>();
    const actors = new Set<string>();
    let events = 0;
    let oldest: string | null = null;
    let newest: string | null = null;
    for await (const activity of client.listActivities('admin', window)) {
      const time = activity.id.time;
      if (oldest === null || time < oldest) oldest = time;
      if (newest === null || time > newest) newest = time;
      if (activity.actor?.email) actors.add(activity.actor.email.toLowerCase());
      for (const event of activity.events) {
        events++;
        const name = event.name ?? 'unknown';
        byEvent.set(name, (byEvent.get(name) ?? 0) + 1);
      }
    }
    return { window, events, byEvent: sortedRecord(byEvent), actors: actors.size, oldest, newest };
  },
});
