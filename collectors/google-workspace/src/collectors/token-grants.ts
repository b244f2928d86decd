import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { activityWindow, activityWindowSchema } from './window.js';

const appSchema = z
  .object({
    clientId: z.string(),
    appName: z.string().nullable(),
    scopes: z.array(z.string()),
    users: z.number().int().nonnegative(),
    grants: z.number().int().nonnegative(),
    lastGrant: z.string(),
  })
  .strict();

export const tokenGrantsSchema = z
  .object({ window: activityWindowSchema, events: z.number().int().nonnegative(), apps: z.array(appSchema) })
  .strict();
export type TokenGrants = z.infer<typeof tokenGrantsSchema>;

/**
 * Third-party OAuth grants of the last 30 days (Reports API `token`, event `authorize`), per app: the scopes
 * granted and how many users granted them. Memory grows with apps and their users, not with events.
 */
export const tokenGrants = defineCollector({
  id: 'google-workspace.token-grants',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Google Workspace third-party OAuth grants (Reports API, token)',
  ttl: '24h',
  controls: ['5.19', '8.26'],
  schema: tokenGrantsSchema,
  async collect(client, { now }) {
    const window = activityWindow(now);
    const apps = new Map<
      string,
      { appName: string | null; scopes: Set<string>; users: Set<string>; grants: number; lastGrant: string }
    >();
    let events = 0;
    for await (const activity of client.listActivities('token', window)) {
      for (const event of activity.events) {
        events++;
        if (event.name !== 'authorize') continue;
        const parameters = new Map((event.parameters ?? []).map((p) => [p.name, p]));
        const clientId = parameters.get('client_id')?.value ?? 'unknown';
        const app = apps.get(clientId) ?? {
          appName: parameters.get('app_name')?.value ?? null,
          scopes: new Set<string>(),
          users: new Set<string>(),
          grants: 0,
          lastGrant: activity.id.time,
        };
        const scope = parameters.get('scope');
        for (const granted of scope?.multiValue ?? (scope?.value ? scope.value.split(/\s+/) : []))
          app.scopes.add(granted);
        if (activity.actor?.email) app.users.add(activity.actor.email.toLowerCase());
        app.grants++;
        if (activity.id.time > app.lastGrant) app.lastGrant = activity.id.time;
        apps.set(clientId, app);
      }
    }
    return {
      window,
      events,
      apps: [...apps]
        .map(([clientId, app]) => ({
          clientId,
          appName: app.appName,
          scopes: [...app.scopes].sort(),
          users: app.users.size,
          grants: app.grants,
          lastGrant: app.lastGrant,
        }))
        .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0)),
    };
  },
});
