import { googleWorkspaceConnector } from '@annexa/connector-google-workspace';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';
import { isInScope } from '../scope.js';

/** `lastLoginTime` of a user who never signed in. */
const NEVER = '1970-01-01T00:00:00.000Z';

const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    aliases: z.array(z.string()),
    orgUnitPath: z.string(),
    /** Inside the ISMS scope (annexa.yaml `scope.orgUnits`). Out-of-scope users are kept: they are still people. */
    inScope: z.boolean(),
    isAdmin: z.boolean().nullable(),
    isDelegatedAdmin: z.boolean().nullable(),
    enrolled2sv: z.boolean().nullable(),
    enforced2sv: z.boolean().nullable(),
    suspended: z.boolean().nullable(),
    archived: z.boolean().nullable(),
    /** Null when the user never signed in. */
    lastLoginTime: z.string().nullable(),
    creationTime: z.string().nullable(),
  })
  .strict();
export type WorkspaceUserRecord = z.infer<typeof userSchema>;

export const workspaceUsersSchema = z
  .object({
    customer: z.string(),
    domain: z.string(),
    /** The scope the evidence was judged under (clause 4.3); null: every user. */
    scope: z
      .object({ include: z.array(z.string()).nullable(), exclude: z.array(z.string()) })
      .strict()
      .nullable(),
    users: z.array(userSchema),
    inScope: z.number().int().nonnegative(),
  })
  .strict();
export type WorkspaceUsers = z.infer<typeof workspaceUsersSchema>;

/** Every user with 2SV, admin, suspension, archive, last-login and unit fields: p(W, 500) requests. */
export const workspaceUsers = defineCollector({
  id: 'google-workspace.users',
  version: '1',
  connector: googleWorkspaceConnector,
  title: 'Google Workspace users (Directory users.list)',
  ttl: '24h',
  controls: ['5.16', '5.17', '5.18', '8.2', '8.5'],
  schema: workspaceUsersSchema,
  async collect(client, { config }) {
    const users: WorkspaceUserRecord[] = [];
    for await (const user of client.listUsers()) {
      const orgUnitPath = user.orgUnitPath ?? '/';
      users.push({
        id: user.id,
        email: user.primaryEmail.toLowerCase(),
        aliases: user.aliases.map((alias) => alias.toLowerCase()).sort(),
        orgUnitPath,
        inScope: isInScope(orgUnitPath, config.scope),
        isAdmin: user.isAdmin,
        isDelegatedAdmin: user.isDelegatedAdmin,
        enrolled2sv: user.isEnrolledIn2Sv,
        enforced2sv: user.isEnforcedIn2Sv,
        suspended: user.suspended,
        archived: user.archived,
        lastLoginTime:
          user.lastLoginTime === null || user.lastLoginTime === NEVER ? null : user.lastLoginTime,
        creationTime: user.creationTime,
      });
    }
    // Sorted so the same directory always yields the same evidence hash.
    users.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    const units = config.scope?.orgUnits;
    return {
      customer: config.customer,
      domain: config.domain.toLowerCase(),
      scope: units ? { include: units.include ?? null, exclude: units.exclude ?? [] } : null,
      users,
      inScope: users.filter((user) => user.inScope).length,
    };
  },
  observesAssets(data) {
    if (data.inScope === 0) return [];
    return [
      {
        // People with accounts make identity management (5.16) and authentication information (5.17) relevant.
        controls: ['5.16', '5.17'],
        reason: `${data.inScope} user ${data.inScope === 1 ? 'account exists' : 'accounts exist'} in workspace/${data.domain}`,
      },
    ];
  },
});
