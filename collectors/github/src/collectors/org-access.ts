import { githubConnector } from '@annexa/connector-github';
import { defineCollector } from '@annexa/core';
import { z } from 'zod';

const userSchema = z.object({ login: z.string(), id: z.number().int() }).strict();

export const orgAccessSchema = z
  .object({
    owners: z.array(userSchema),
    memberCount: z.number().int().nonnegative(),
    outsideCollaborators: z.array(userSchema),
    /** The policy the owners check applies (from annexa.yaml `owners`), recorded with the evidence. */
    ownerLimit: z
      .object({ max: z.number().int().nonnegative(), percent: z.number().min(0).max(100) })
      .strict(),
  })
  .strict();
export type OrgAccess = z.infer<typeof orgAccessSchema>;

const byLogin = (a: { login: string }, b: { login: string }) =>
  a.login < b.login ? -1 : a.login > b.login ? 1 : 0;

/**
 * Who holds privileged and external access: organisation owners (`role=admin`), the member count (the owners
 * ratio needs it) and outside collaborators. Requests: p(A,100) + p(M,100) + p(C,100).
 */
export const orgAccess = defineCollector({
  id: 'github.org-access',
  version: '1',
  connector: githubConnector,
  title: 'GitHub organization owners, member count and outside collaborators',
  ttl: '24h',
  controls: ['5.18', '5.19', '8.2'],
  schema: orgAccessSchema,
  async collect(client, { config }) {
    const owners = [];
    for await (const owner of client.listMembers(config.org, { role: 'admin' })) {
      owners.push({ login: owner.login, id: owner.id });
    }
    let memberCount = 0;
    for await (const _member of client.listMembers(config.org)) memberCount++;
    const outsideCollaborators = [];
    for await (const user of client.listOutsideCollaborators(config.org)) {
      outsideCollaborators.push({ login: user.login, id: user.id });
    }
    return {
      owners: owners.sort(byLogin),
      memberCount,
      outsideCollaborators: outsideCollaborators.sort(byLogin),
      ownerLimit: { max: config.owners?.max ?? 3, percent: config.owners?.percent ?? 10 },
    };
  },
});
